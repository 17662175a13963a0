package dev.cimatrix.discover.yaml;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Feeds arbitrary bytes to {@link YamlLoader} in both dialects; see {@link LoadOutcome} for the property. */
class YamlLoaderFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyBytesLoadOrFailCleanly(FuzzedDataProvider data) {
        YamlDialect dialect = data.consumeBoolean() ? YamlDialect.MERGING : YamlDialect.GITHUB;
        LoadOutcome.loadOrFailCleanly(data.consumeRemainingAsBytes(), dialect);
    }
}
