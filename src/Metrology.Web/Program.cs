using Metrology.Core;

var builder = WebApplication.CreateBuilder(args);
builder.AddMetrology();

var app = builder.Build();
app.UseMetrology();
app.Run();

/// <summary>The host's entry point; public so tests can start it.</summary>
public partial class Program;
