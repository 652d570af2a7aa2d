using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using PortfolioTracker.Gateway.Proxy;
using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.Gateway.Tests;

/// <summary>
/// Time options are held to their bounds by <see cref="TimeSpanRangeAttribute"/>, which, unlike
/// <c>[Range(typeof(TimeSpan), …)]</c>, can be used by many threads from its first use on (two
/// test hosts starting at once failed their options validation with an InvalidCastException).
/// </summary>
public sealed class TimeSpanBoundsTests
{
    private static ValidateOptionsResult Validate(ProxyTimeoutOptions options) =>
        new DataAnnotationValidateOptions<ProxyTimeoutOptions>(Options.DefaultName).Validate(Options.DefaultName, options);

    [Fact]
    public void AValueOutsideItsBoundsIsRefusedNamingTheOptionAndTheBounds()
    {
        var result = Validate(new ProxyTimeoutOptions { Imports = TimeSpan.FromMinutes(31), Connect = TimeSpan.FromMilliseconds(99) });

        Assert.True(result.Failed);
        Assert.Contains("The field Imports must be between 00:00:01 and 00:30:00.", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("The field Connect must be between 00:00:00.1000000 and 00:01:00.", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void BothBoundsAreIncluded()
    {
        var result = Validate(new ProxyTimeoutOptions { Imports = TimeSpan.FromMinutes(30), Connect = TimeSpan.FromMilliseconds(100) });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public async Task ManyThreadsValidatingANewAttributeAtOnceAllGetTheAnswer()
    {
        // The race of Range(typeof(TimeSpan), …) is in its first use: each round uses a new attribute.
        const int Threads = 8;
        for (var round = 0; round < 500; round++)
        {
            var range = new TimeSpanRangeAttribute("00:00:01", "01:00:00");
            using var start = new Barrier(Threads);
            var answers = Enumerable.Range(0, Threads)
                .Select(i => Task.Factory.StartNew(() =>
                {
                    start.SignalAndWait();
                    return range.IsValid(TimeSpan.FromMinutes(i));
                }, TaskCreationOptions.LongRunning))
                .ToArray();
            var valid = await Task.WhenAll(answers);
            // Minute 0 is below the bound; every other is inside.
            Assert.Equal(Enumerable.Range(0, Threads).Select(i => i > 0), valid);
        }
    }
}
