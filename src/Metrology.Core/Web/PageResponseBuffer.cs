using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Core.Web;

/// <summary>
/// A rendered page goes out whole, with its Content-Length, in one write: Razor otherwise flushes as it renders, so that
/// Kestrel sends the page chunked, in at least two packets (the body, then the chunked ending), each a system call here
/// and a wake-up for the client (docs/performance.md, eighth pass). And a page that fails while rendering has sent
/// nothing yet, so the error page replaces it. A page larger than <see cref="Limit"/> goes out as it renders, as before.
/// Only pages and views: files and exports stream.
/// </summary>
public sealed class PageResponseBuffer : IAsyncResultFilter
{
    /// <summary>The most a page holds before it is sent as it renders (the largest lists are well under it).</summary>
    public const int Limit = 256 * 1024;

    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (context.Result is not (PageResult or ViewResult or PartialViewResult))
        {
            await next();
            return;
        }
        var response = context.HttpContext.Response;
        var body = response.Body;
        using var buffered = new Buffered(body);
        response.Body = buffered;
        try
        {
            await next();
            // Nothing held: nothing was written, and the status code pages may still answer for it.
            if (buffered.Holding && buffered.Length > 0 && !response.HasStarted) response.ContentLength = buffered.Length;
            await buffered.SendAsync(context.HttpContext.RequestAborted);
        }
        finally
        {
            response.Body = body;
        }
    }

    /// <summary>Holds what is written, in a pooled array, up to <see cref="Limit"/>; past it, passes everything on.</summary>
    private sealed class Buffered(Stream inner) : Stream
    {
        private byte[] _buffer = [];
        private int _length;

        /// <summary>Everything written so far is still held (nothing has gone to the client).</summary>
        public bool Holding { get; private set; } = true;

        public override long Length => _length;

        /// <summary>Sends what is held, if anything, and passes whatever comes after straight on.</summary>
        public async Task SendAsync(CancellationToken ct)
        {
            Holding = false;
            if (_length == 0) return;
            var length = _length;
            _length = 0;
            await inner.WriteAsync(_buffer.AsMemory(0, length), ct);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct = default)
        {
            if (Holding && _length + data.Length <= Limit)
            {
                Hold(data.Span);
                return;
            }
            await SendAsync(ct);
            await inner.WriteAsync(data, ct);
        }

        public override Task WriteAsync(byte[] data, int offset, int count, CancellationToken ct) => WriteAsync(data.AsMemory(offset, count), ct).AsTask();

        public override void Write(ReadOnlySpan<byte> data)
        {
            if (Holding && _length + data.Length <= Limit)
            {
                Hold(data);
                return;
            }
            // Synchronous writes are disallowed by Kestrel unless a component allowed them; as before, it decides.
            SendAsync(default).GetAwaiter().GetResult();
            inner.Write(data);
        }

        public override void Write(byte[] data, int offset, int count) => Write(data.AsSpan(offset, count));

        private void Hold(ReadOnlySpan<byte> data)
        {
            if (_length + data.Length > _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(Limit, Math.Max(_length + data.Length, Math.Max(16 * 1024, _buffer.Length * 2))));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                Return();
                _buffer = larger;
            }
            data.CopyTo(_buffer.AsSpan(_length));
            _length += data.Length;
        }

        private void Return()
        {
            if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        // Held writes are sent at the end; once passing on, a flush is the client's.
        public override Task FlushAsync(CancellationToken ct) => Holding ? Task.CompletedTask : inner.FlushAsync(ct);
        public override void Flush() { if (!Holding) inner.Flush(); }

        protected override void Dispose(bool disposing)
        {
            Return();
            base.Dispose(disposing);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
