using Amazon.Runtime;
using Amazon.S3;
using Metrology.Core.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Storage.S3;

/// <summary>The <c>Metrology:FileStore:S3</c> configuration section: an S3-compatible bucket for every tenant's files.</summary>
public sealed class S3StorageOptions
{
    public const string Section = "Metrology:FileStore:S3";

    /// <summary>The bucket; when empty, files stay in the local (or shared) folder.</summary>
    public string? Bucket { get; set; }

    /// <summary>The service's address for an S3-compatible store (MinIO, Ceph, a cloud's object storage); empty for AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Bucket in the path (<c>host/bucket/key</c>), which most S3-compatible servers expect; false for virtual-host style.</summary>
    public bool ForcePathStyle { get; set; } = true;
}

public static class S3Storage
{
    /// <summary>Replaces the local file store with the bucket when <c>Metrology:FileStore:S3:Bucket</c> is set.</summary>
    public static WebApplicationBuilder AddS3FileStore(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(S3StorageOptions.Section);
        var options = section.Get<S3StorageOptions>();
        if (string.IsNullOrWhiteSpace(options?.Bucket)) return builder;
        builder.Services.Configure<S3StorageOptions>(section);
        builder.Services.AddSingleton<IAmazonS3>(_ => Client(options));
        builder.Services.AddScoped<IFileStore, S3FileStore>();
        return builder;
    }

    /// <summary>A client for the options: checksums only where the API requires them, as S3-compatible servers may not know the newer ones.</summary>
    public static AmazonS3Client Client(S3StorageOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }
        else config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
