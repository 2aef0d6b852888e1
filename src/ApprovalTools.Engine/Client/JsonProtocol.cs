using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace ApprovalTools.Client;

/// <summary>awsJson1_1 wire rules shared by every operation.</summary>
internal static class JsonProtocol
{
    public const string TargetPrefix = "CodePipeline_20150709";
    public const string ContentType = "application/x-amz-json-1.1";

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new EpochSecondsConverter() },
        // Compile-time metadata (WireContext); AmazonWebServiceRequest/Response carry SDK plumbing properties, and
        // only members declared by our shapes are wire members.
        TypeInfoResolver = WireContext.Default.WithAddedModifier(OwnMembers.Only),
    };
}

/// <summary>Timestamps travel as epoch seconds with a fraction; we hand out UTC DateTimes.</summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTime>
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime FromEpochSeconds(decimal seconds) =>
        Epoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    public static decimal ToEpochSeconds(DateTime value) =>
        (decimal)(value.ToUniversalTime() - Epoch).Ticks / TimeSpan.TicksPerSecond;

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
            return FromEpochSeconds(reader.TryGetDecimal(out var d) ? d : (decimal)reader.GetDouble());
        // Be lenient with servers that quote the number or send ISO 8601.
        var text = reader.GetString();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
            return FromEpochSeconds(s);
        const DateTimeStyles utc = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, utc, out var t))
            return DateTime.SpecifyKind(t, DateTimeKind.Utc);
        throw new JsonException($"'{text}' is not a timestamp");
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Math.Round(ToEpochSeconds(value), 3));
}

/// <summary>
/// One marshaller per operation: POST / with the target header and the request shape as the JSON body.
/// </summary>
internal sealed class JsonRequestMarshaller(string operation) : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public string Operation { get; } = operation;

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var request = new DefaultRequest(input, CodePipelineClientConfig.Id)
        {
            HttpMethod = "POST",
            ResourcePath = "/",
        };
        request.Headers["X-Amz-Target"] = $"{JsonProtocol.TargetPrefix}.{Operation}";
        request.Headers["Content-Type"] = JsonProtocol.ContentType;
        request.Headers["X-Amz-Api-Version"] = CodePipelineClientConfig.ApiVersion;
        request.Content = JsonSerializer.SerializeToUtf8Bytes(input, input.GetType(), JsonProtocol.Options);
        return request;
    }
}

/// <summary>
/// Reads a success body into <typeparamref name="TResponse"/>; an error body into
/// <see cref="CodePipelineServiceException"/> with the service's error code.
/// </summary>
internal sealed class JsonResponseUnmarshaller<TResponse> : JsonResponseUnmarshaller
    where TResponse : AmazonWebServiceResponse, new()
{
    public static readonly JsonResponseUnmarshaller<TResponse> Instance = new();

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
    {
        // The base class stamps ResponseMetadata (request id) and wraps failures in AmazonUnmarshallingException.
        using var body = new MemoryStream();
        context.Stream.CopyTo(body);
        if (body.Length == 0) return new TResponse(); // no body at all: nothing to read, not an error
        body.Position = 0;
        return JsonSerializer.Deserialize<TResponse>(body, JsonProtocol.Options) ?? new TResponse();
    }

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context,
        Exception innerException, HttpStatusCode statusCode)
    {
        var reader = new StreamingUtf8JsonReader(context.Stream);
        var error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);
        return CodePipelineServiceException.Create(error.Code, error.Message, innerException, error.Type,
            error.RequestId, statusCode);
    }
}
