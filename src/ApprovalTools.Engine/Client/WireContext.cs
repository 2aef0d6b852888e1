using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;

namespace ApprovalTools.Client;

/// <summary>
/// Serialization metadata of the wire shapes, made at compile time by System.Text.Json's source generator: the first
/// request and reply need no reflection over the shapes. Settings (names, null handling, timestamps) come from
/// <see cref="JsonProtocol.Options"/>, which applies them at run time.
/// </summary>
[JsonSerializable(typeof(GetPipelineRequest))]
[JsonSerializable(typeof(GetPipelineResponse))]
[JsonSerializable(typeof(GetPipelineExecutionRequest))]
[JsonSerializable(typeof(GetPipelineExecutionResponse))]
[JsonSerializable(typeof(GetPipelineStateRequest))]
[JsonSerializable(typeof(GetPipelineStateResponse))]
[JsonSerializable(typeof(ListActionExecutionsRequest))]
[JsonSerializable(typeof(ListActionExecutionsResponse))]
[JsonSerializable(typeof(ListPipelineExecutionsRequest))]
[JsonSerializable(typeof(ListPipelineExecutionsResponse))]
[JsonSerializable(typeof(ListPipelinesRequest))]
[JsonSerializable(typeof(ListPipelinesResponse))]
[JsonSerializable(typeof(PutApprovalResultRequest))]
[JsonSerializable(typeof(PutApprovalResultResponse))]
internal sealed partial class WireContext : JsonSerializerContext
{
}

/// <summary>
/// The rule that only members our shapes declare are wire members. The generated metadata also lists what the SDK's
/// base classes declare (<see cref="AmazonWebServiceResponse.ContentLength"/>, ...), and, unlike reflection metadata,
/// does not say which class declared a member: a member named as a public property of an SDK base class of the shape
/// is dropped unless the shape's own class declares it again.
/// </summary>
internal static class OwnMembers
{
    /// <summary>Removes the members of <paramref name="info"/> that an SDK base class declares.</summary>
    public static void Only(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        var inherited = InheritedNames(info.Type, info.Options);
        if (inherited.Count == 0) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (inherited.TryGetValue(info.Properties[i].Name, out var member) && !DeclaresOwn(info.Type, member))
                info.Properties.RemoveAt(i);
        }
    }

    // Wire name to CLR name of the public properties the shape inherits from classes outside this assembly.
    private static Dictionary<string, string> InheritedNames(Type type, JsonSerializerOptions options)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var b = type.BaseType; b is not null && b != typeof(object); b = b.BaseType)
        {
            if (b.Assembly == typeof(OwnMembers).Assembly) continue;
            const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            foreach (var p in b.GetProperties(Flags))
                names[options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name] = p.Name;
        }
        return names;
    }

    // Whether a class of this assembly between the shape and the SDK declares the member itself (hiding the SDK's).
    private static bool DeclaresOwn(Type type, string member)
    {
        const BindingFlags declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        for (var t = type; t is not null && t.Assembly == typeof(OwnMembers).Assembly; t = t.BaseType)
        {
            if (t.GetProperty(member, declared) is not null) return true;
        }
        return false;
    }
}
