package dev.cimatrix.discover.terraform;

import com.bertramlabs.plugins.hcl4j.HCLParser;

/**
 * hcl4j's parser without its data lookups: out of the box it answers {@code data "http"} blocks by making
 * the HTTP request while parsing, which would let a scanned file make cimatrix reach the network.
 */
final class OfflineHclParser extends HCLParser {
    OfflineHclParser() {
        dataLookupRegistry.clear();
    }
}
