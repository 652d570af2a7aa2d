using System.Globalization;
using PortfolioTracker.ServiceDefaults.Wire;

namespace PortfolioTracker.Portfolio.Tests.Bounds;

/// <summary>
/// The hand-written reader of wire dates accepts exactly what the framework's exact parser with
/// "yyyy-MM-dd" accepts, and reads the same day: on chosen edge cases and on random strings of the
/// wire's shape (a date is read twice for every imported row).
/// </summary>
public class DateTextTests
{
    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("2023-02-29")]
    [InlineData("2023-02-30")]
    [InlineData("0001-01-01")]
    [InlineData("0000-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    [InlineData("2024-01-00")]
    [InlineData("2024-1-05")]
    [InlineData("2024-01-5")]
    [InlineData("24-01-05")]
    [InlineData("2024/01/05")]
    [InlineData(" 2024-01-05")]
    [InlineData("2024-01-05 ")]
    [InlineData("2024-01-05T00:00")]
    [InlineData("２０２４-01-05")]
    [InlineData("+024-01-05")]
    [InlineData("")]
    public void ReadsWhatTheExactParserReads(string text) => AssertSameAsExactParser(text);

    [Fact]
    public void ReadsWhatTheExactParserReadsOnRandomStringsOfTheWiresShape()
    {
        var random = new Random(2024);
        const string alphabet = "0123456789-+ /x";
        for (var i = 0; i < 20_000; i++)
        {
            // Mostly digits where digits belong, so many are real days and many are near misses.
            var chars = new char[random.Next(8, 12)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = c is 4 or 7 && random.Next(10) > 0 ? '-'
                    : random.Next(10) > 0 ? (char)('0' + random.Next(10))
                    : alphabet[random.Next(alphabet.Length)];
            }
            AssertSameAsExactParser(new string(chars));
        }
    }

    private static void AssertSameAsExactParser(string text)
    {
        var expected = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);

        var read = DateText.TryParse(text, out var date);

        Assert.True(expected == read, $"\"{text}\": exact parser {expected}, DateText {read}");
        Assert.Equal(day, date);
    }
}
