namespace Metrology.Core.Modules;

/// <summary>Endpoint metadata naming the feature an endpoint belongs to.</summary>
public sealed record FeatureMetadata(string FeatureId);
