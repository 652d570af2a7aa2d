using System.Globalization;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using PortfolioTracker.Portfolio.Data;

namespace PortfolioTracker.Portfolio.Grpc;

/// <summary>An opaque page token: where the previous page of transactions ended.</summary>
internal static class PageToken
{
    public static string Encode(TransactionRow last) =>
        Base64UrlEncoder.Encode($"{last.Date:yyyy-MM-dd}|{last.Id}");

    public static bool TryDecode(string token, out TransactionCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }
        try
        {
            var parts = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token)).Split('|');
            if (parts.Length == 2
                && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && Guid.TryParse(parts[1], out var id))
            {
                cursor = new TransactionCursor(date, id);
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }
}
