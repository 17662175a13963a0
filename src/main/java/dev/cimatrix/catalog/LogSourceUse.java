package dev.cimatrix.catalog;

import java.util.List;

/** How a detective control uses a log source: the events that reveal the technique and the fields to read. */
public record LogSourceUse(String source, List<String> events, List<String> fields) {
    public LogSourceUse {
        events = List.copyOf(events);
        fields = List.copyOf(fields);
    }
}
