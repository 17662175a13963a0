package dev.cimatrix.discover.yaml;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.util.OptionalInt;

/**
 * A nesting bound for small files (configuration, rules) read with snakeyaml-engine's own composer, which recurses
 * once per level and has no bound of its own: a hostile file nested thousands of levels deep would exhaust the
 * thread's stack. The engine's parser does not recurse, so its events are counted first.
 */
public final class EngineNesting {
    private EngineNesting() {
    }

    /**
     * The 1-based line of the first collection nested deeper than {@code maxDepth}, if any. A syntax error is left
     * for the loader to report as it always has.
     */
    public static OptionalInt lineTooDeep(String text, int maxDepth) {
        int depth = 0;
        try {
            for (Event event : new Parse(LoadSettings.builder().build()).parseString(text)) {
                Event.ID id = event.getEventId();
                if (id == Event.ID.MappingStart || id == Event.ID.SequenceStart) {
                    if (++depth > maxDepth) {
                        return OptionalInt.of(event.getStartMark().map(m -> m.getLine() + 1).orElse(1));
                    }
                } else if (id == Event.ID.MappingEnd || id == Event.ID.SequenceEnd) {
                    depth--;
                }
            }
        } catch (YamlEngineException syntax) {
            // the loader meets it again and says where
        }
        return OptionalInt.empty();
    }
}
