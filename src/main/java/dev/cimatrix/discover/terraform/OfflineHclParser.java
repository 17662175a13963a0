package dev.cimatrix.discover.terraform;

import com.bertramlabs.plugins.hcl4j.HCLParser;

import java.util.Set;

/**
 * hcl4j's parser without its data lookups, and without the functions whose work a scanned file could make
 * unbounded. Out of the box it answers {@code data "http"} blocks by making the HTTP request while parsing, which
 * would let a scanned file make cimatrix reach the network. {@code regex}, {@code regexall} and {@code replace}
 * run the file's own patterns with java.util.regex, which a crafted pattern holds for hours; {@code format},
 * {@code join} and {@code replace} make text as long as a width, or a separator times a list, which a file of
 * kilobytes makes gigabytes. hcl4j reads a call of a function it does not have as null: a computed value.
 */
final class OfflineHclParser extends HCLParser {
    /** Functions left out, by name: hcl4j's own, and any a later version may add under these names. */
    static final Set<String> LEFT_OUT = Set.of("regex", "regexall", "replace", "format", "formatlist", "join");

    OfflineHclParser() {
        dataLookupRegistry.clear();
        functionRegistry.keySet().removeAll(LEFT_OUT);
    }
}
