using FluentValidation;
using Mediator;

namespace Pps.Web.Infrastructure.Web;

/// <summary>Runs every FluentValidation validator of a request before its handler; a failure becomes a 400 ProblemDetails naming the fields.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        foreach (var validator in validators)
        {
            var outcome = await validator.ValidateAsync(message, cancellationToken);
            if (!outcome.IsValid)
            {
                throw new ValidationException(outcome.Errors);
            }
        }

        return await next(message, cancellationToken);
    }
}
