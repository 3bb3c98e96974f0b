using Metrology.Core;
using Metrology.Storage.S3;

var builder = WebApplication.CreateBuilder(args);
builder.AddMetrology();
builder.AddS3FileStore(); // only when Metrology:FileStore:S3:Bucket is set

var app = builder.Build();
app.UseMetrology();
app.Run();

/// <summary>The host's entry point; public so tests can start it.</summary>
public partial class Program;
