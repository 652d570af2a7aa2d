using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace PortfolioTracker.ServiceDefaults.Validation;

/// <summary>
/// A <see cref="TimeSpan"/> option between two bounds, both included, written as constant
/// strings ("00:00:01"). Instead of <c>[Range(typeof(TimeSpan), …)]</c>: that attribute converts
/// its bounds on first use without a lock, and one instance is shared by every validation in the
/// process (the validator caches attributes per type), so two hosts that validate their options
/// at the same moment (test classes starting in parallel) can fail with an InvalidCastException
/// (dotnet/runtime issue 1143). These bounds are parsed once, in the constructor.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class TimeSpanRangeAttribute : ValidationAttribute
{
    public TimeSpanRangeAttribute(string minimum, string maximum)
        : base("The field {0} must be between {1} and {2}.")
    {
        Minimum = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
        Maximum = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);
    }

    public TimeSpan Minimum { get; }

    public TimeSpan Maximum { get; }

    /// <summary>A missing value is valid, as for <c>[Range]</c>; <c>[Required]</c> is the attribute that demands one.</summary>
    public override bool IsValid(object? value) =>
        value is null || (value is TimeSpan span && span >= Minimum && span <= Maximum);

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ErrorMessageString, name,
            Minimum.ToString("c", CultureInfo.InvariantCulture), Maximum.ToString("c", CultureInfo.InvariantCulture));
}
