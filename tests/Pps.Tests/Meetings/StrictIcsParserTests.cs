namespace Pps.Tests.Meetings;

/// <summary>The test parser must itself refuse what RFC 5545 forbids, or the .ics checks could not fail.</summary>
public sealed class StrictIcsParserTests
{
    private const string Good = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:1@x\r\nDTSTAMP:20270101T100000Z\r\nDTSTART:20270102T100000Z\r\nSUMMARY;LANGUAGE=nl:Schouw\r\nDESCRIPTION:Een lange regel die is gevouwen\r\n  en hier verder gaat\r\nATTENDEE;CN=\"Bart, Bestuurder\";RSVP=TRUE:mailto:b@x.nl\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    [Fact]
    public void A_well_formed_calendar_is_read_with_unfolding_and_quoted_parameters()
    {
        var calendar = StrictIcsParser.Parse(Good);
        var evt = Assert.Single(calendar.Events);
        Assert.Equal("Een lange regel die is gevouwen en hier verder gaat", evt["DESCRIPTION"]);
        Assert.Equal("Bart, Bestuurder", evt.Properties.Single(p => p.Name == "ATTENDEE").Parameters["CN"].Single());
    }

    [Theory]
    [InlineData("UID:1@x\r\n", "")]
    [InlineData("DTSTART:20270102T100000Z\r\n", "")]
    [InlineData("DTSTART:20270102T100000Z", "DTSTART:2027-01-02 10:00")]
    [InlineData("END:VEVENT\r\n", "END:VTODO\r\n")]
    [InlineData("\r\n", "\n")]
    [InlineData("ATTENDEE;CN=\"Bart, Bestuurder\"", "ATTENDEE;CN=\"Bart, Bestuurder")]
    [InlineData("SUMMARY;LANGUAGE=nl:", "SUMMARY;LANGUAGE:")]
    [InlineData("VERSION:2.0\r\n", "")]
    [InlineData("SUMMARY;LANGUAGE=nl:Schouw", "SUMMARY;LANGUAGE=nl:Schouw in een regel die veel te lang is voor de vijfenzeventig octetten van RFC 5545")]
    public void A_calendar_that_breaks_RFC_5545_is_refused(string part, string replacement)
    {
        var broken = ReplaceFirst(Good, part, replacement);
        Assert.NotEqual(Good, broken);
        Assert.Throws<FormatException>(() => StrictIcsParser.Parse(broken));
    }

    private static string ReplaceFirst(string text, string part, string replacement)
    {
        var i = text.IndexOf(part, StringComparison.Ordinal);
        return text[..i] + replacement + text[(i + part.Length)..];
    }
}
