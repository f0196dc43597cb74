using Rapport.Web.Features.Audit;

namespace Rapport.UnitTests.Features.Audit;

public sealed class AuditRowsTests
{
    [Fact]
    public void EveryBlockSizeIsInsertedInChunksThatAddUpToItWithOneStatementUpToSixteenEntries()
    {
        for (var count = 1; count <= 256; count++)
        {
            var chunks = new List<int>();
            for (var left = count; left > 0; left -= chunks[^1])
            {
                chunks.Add(AuditRows.NextChunk(left));
            }

            Assert.Equal(count, chunks.Sum());
            Assert.All(chunks, chunk => Assert.Contains(chunk, AuditRows.EntryChunks));
            if (count <= 16 || count is 32 or 64)
            {
                Assert.Single(chunks);
            }
        }
    }
}
