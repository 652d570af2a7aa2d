using System.Text;
using System.Text.Json;

namespace PortfolioTracker.Operations.UserData;

/// <summary>
/// Reads a JSON document from a stream token by token, or one whole value at a time as its raw
/// text, holding only the current buffer (grown only for a value larger than it): what lets an
/// import read an export of any size in flat memory. System.Text.Json's
/// <see cref="Utf8JsonReader"/> does the parsing; this only refills its buffer.
/// </summary>
public sealed class StreamingJsonReader(Stream stream)
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _final;
    private JsonReaderState _state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });

    /// <summary>The value of the last string or property-name token.</summary>
    public string? Text { get; private set; }

    /// <summary>The last number token, as its JSON text.</summary>
    public string? Number { get; private set; }

    public async Task<JsonTokenType> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryNext(out var token))
            {
                return token;
            }
            await FillAsync(cancellationToken);
        }
    }

    /// <summary>The next complete value (object, array or scalar) as raw JSON text.</summary>
    public async Task<string> ReadRawValueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryReadRaw(out var raw))
            {
                return raw;
            }
            await FillAsync(cancellationToken);
        }
    }

    /// <summary>Expects <paramref name="expected"/> next; anything else is a malformed document.</summary>
    public async Task ExpectAsync(JsonTokenType expected, CancellationToken cancellationToken)
    {
        var token = await NextAsync(cancellationToken);
        if (token != expected)
        {
            throw new JsonException($"expected {expected}, found {token}");
        }
    }

    private bool TryNext(out JsonTokenType token)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
        if (!reader.Read())
        {
            token = JsonTokenType.None;
            return End();
        }
        token = reader.TokenType;
        Text = token is JsonTokenType.String or JsonTokenType.PropertyName ? reader.GetString() : null;
        Number = token == JsonTokenType.Number ? Encoding.UTF8.GetString(reader.ValueSpan) : null;
        Advance(ref reader);
        return true;
    }

    private bool TryReadRaw(out string raw)
    {
        raw = "";
        var span = _buffer.AsSpan(_start, _end - _start);
        var reader = new Utf8JsonReader(span, _final, _state);
        if (!reader.Read())
        {
            return End();
        }
        var tokenStart = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
        {
            return End();
        }
        raw = Encoding.UTF8.GetString(span[tokenStart..(int)reader.BytesConsumed]);
        Advance(ref reader);
        return true;
    }

    private bool End() => _final ? throw new JsonException("the document ends early") : false;

    private void Advance(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        var pending = _end - _start;
        if (pending > 0 && _start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
        }
        _start = 0;
        _end = pending;
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2); // one value larger than the buffer
        }
        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        _final = read == 0;
    }
}
