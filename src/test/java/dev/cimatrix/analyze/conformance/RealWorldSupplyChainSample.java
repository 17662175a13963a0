package dev.cimatrix.analyze.conformance;

import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.testing.SharedData;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Prints the findings of every check over the real-world GitHub Actions corpus, for false-positive reviews. */
public final class RealWorldSupplyChainSample {
    private RealWorldSupplyChainSample() {
    }

    public static void main(String[] args) throws Exception {
        Path root = SharedData.file("corpus/real-world/github-actions");
        var inventory = new Discovery().discover(root, List.of(root), null);
        var analyzer = new Analyzer(Catalog.builtin(), CheckRegistry.all(ScanConfig.defaults()), ScanConfig.defaults(),
                Profile.AUDITOR, Set.of());
        List<Finding> findings = analyzer.analyze(inventory).findings();
        Map<String, Long> counts = new TreeMap<>(findings.stream().collect(Collectors.groupingBy(
                f -> f.checkId() + " " + f.severity(), Collectors.counting())));
        counts.forEach((k, v) -> System.out.println(k + " " + v));
        String only = args.length > 0 ? args[0] : null;
        for (Finding f : findings) {
            if (f.checkId().equals(only)) {
                System.out.println(f.location() + " " + f.severity() + "/" + f.confidence() + " " + f.message());
            }
        }
    }
}
