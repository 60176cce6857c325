using System.Text;
using System.Text.RegularExpressions;

namespace Pps.Tests.Meetings;

/// <summary>
/// A second, independent reader of iCalendar (RFC 5545), written for the tests so that what Ical.Net writes is
/// checked by code that shares nothing with it. Strict where the RFC says MUST: CRLF line ends, folding,
/// content-line syntax (names, parameters, quoted values), BEGIN/END nesting, VERSION/PRODID on the calendar,
/// UID/DTSTAMP/DTSTART once per VEVENT, date-time value syntax, and at most 75 octets per physical line.
/// </summary>
public static partial class StrictIcsParser
{
    public sealed record Property(string Name, IReadOnlyDictionary<string, string[]> Parameters, string Value);

    public sealed class Component(string name)
    {
        public string Name { get; } = name;

        public List<Property> Properties { get; } = [];

        public List<Component> Children { get; } = [];

        public string? this[string property] => Properties.FirstOrDefault(p => p.Name == property)?.Value;

        public IEnumerable<Component> Events => Children.Where(c => c.Name == "VEVENT");
    }

    public static Component Parse(string text)
    {
        if (text.Length == 0)
        {
            throw new FormatException("Empty calendar.");
        }

        if (!text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            throw new FormatException("The last line must end with CRLF.");
        }

        var physical = text[..^2].Split("\r\n");
        foreach (var line in physical)
        {
            if (line.Contains('\n') || line.Contains('\r'))
            {
                throw new FormatException("Bare CR or LF inside a line: " + line);
            }

            if (Encoding.UTF8.GetByteCount(line) > 75)
            {
                throw new FormatException($"Line longer than 75 octets (not folded): {line}");
            }
        }

        // Unfold: a line starting with one space or tab continues the previous one.
        var logical = new List<string>();
        foreach (var line in physical)
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                if (logical.Count == 0)
                {
                    throw new FormatException("A continuation line cannot come first.");
                }

                logical[^1] += line[1..];
            }
            else
            {
                logical.Add(line);
            }
        }

        var stack = new Stack<Component>();
        Component? root = null;
        foreach (var line in logical)
        {
            var property = ParseLine(line);
            if (property.Name == "BEGIN")
            {
                RequireName(property.Value);
                var component = new Component(property.Value);
                if (stack.Count == 0)
                {
                    if (root is not null || component.Name != "VCALENDAR")
                    {
                        throw new FormatException("Exactly one top-level VCALENDAR expected.");
                    }

                    root = component;
                }
                else
                {
                    stack.Peek().Children.Add(component);
                }

                stack.Push(component);
            }
            else if (property.Name == "END")
            {
                if (stack.Count == 0 || stack.Peek().Name != property.Value)
                {
                    throw new FormatException($"END:{property.Value} does not match BEGIN:{(stack.Count == 0 ? "(none)" : stack.Peek().Name)}.");
                }

                Validate(stack.Pop());
            }
            else
            {
                if (stack.Count == 0)
                {
                    throw new FormatException("Property outside any component: " + line);
                }

                stack.Peek().Properties.Add(property);
            }
        }

        if (stack.Count != 0 || root is null)
        {
            throw new FormatException("Unclosed component.");
        }

        return root;
    }

    private static void Validate(Component c)
    {
        switch (c.Name)
        {
            case "VCALENDAR":
                Once(c, "VERSION");
                Once(c, "PRODID");
                if (c["VERSION"] != "2.0")
                {
                    throw new FormatException("VERSION must be 2.0.");
                }

                break;
            case "VEVENT":
                Once(c, "UID");
                Once(c, "DTSTAMP");
                Once(c, "DTSTART");
                foreach (var p in c.Properties.Where(p => p.Name is "DTSTART" or "DTEND" or "DTSTAMP"))
                {
                    var isDate = p.Parameters.TryGetValue("VALUE", out var v) && v.Contains("DATE");
                    if (!(isDate ? DatePattern() : DateTimePattern()).IsMatch(p.Value))
                    {
                        throw new FormatException($"{p.Name} is not a valid date-time: {p.Value}");
                    }
                }

                if (c["SEQUENCE"] is { } seq && !int.TryParse(seq, out _))
                {
                    throw new FormatException("SEQUENCE must be an integer.");
                }

                break;
        }
    }

    private static void Once(Component c, string name)
    {
        var count = c.Properties.Count(p => p.Name == name);
        if (count != 1)
        {
            throw new FormatException($"{c.Name} must have exactly one {name}, has {count}.");
        }
    }

    private static Property ParseLine(string line)
    {
        var i = 0;
        var name = ReadName(line, ref i);
        var parameters = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        while (i < line.Length && line[i] == ';')
        {
            i++;
            var paramName = ReadName(line, ref i);
            if (i >= line.Length || line[i] != '=')
            {
                throw new FormatException($"Parameter {paramName} without '=': {line}");
            }

            i++;
            var values = new List<string> { ReadParamValue(line, ref i) };
            while (i < line.Length && line[i] == ',')
            {
                i++;
                values.Add(ReadParamValue(line, ref i));
            }

            parameters[paramName] = [.. values];
        }

        if (i >= line.Length || line[i] != ':')
        {
            throw new FormatException("Expected ':' after the property name and parameters: " + line);
        }

        var value = line[(i + 1)..];
        if (value.Any(ch => char.IsControl(ch) && ch != '\t'))
        {
            throw new FormatException("Control character in a value: " + line);
        }

        return new Property(name.ToUpperInvariant(), parameters, value);
    }

    private static string ReadName(string line, ref int i)
    {
        var start = i;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '-'))
        {
            i++;
        }

        if (i == start)
        {
            throw new FormatException("Expected a name: " + line);
        }

        return line[start..i];
    }

    private static string ReadParamValue(string line, ref int i)
    {
        if (i < line.Length && line[i] == '"')
        {
            var end = line.IndexOf('"', i + 1);
            if (end < 0)
            {
                throw new FormatException("Unterminated quoted parameter value: " + line);
            }

            var quoted = line[(i + 1)..end];
            i = end + 1;
            return quoted;
        }

        var start = i;
        while (i < line.Length && line[i] is not (';' or ':' or ',' or '"') && !char.IsControl(line[i]))
        {
            i++;
        }

        return line[start..i];
    }

    private static void RequireName(string value)
    {
        if (!NamePattern().IsMatch(value))
        {
            throw new FormatException("Bad component name: " + value);
        }
    }

    /// <summary>Unescapes a TEXT value (RFC 5545 3.3.11).</summary>
    public static string Text(string value) => value.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\N", "\n", StringComparison.Ordinal)
        .Replace("\\,", ",", StringComparison.Ordinal).Replace("\\;", ";", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^\d{8}T\d{6}Z?$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^\d{8}$")]
    private static partial Regex DatePattern();
}
