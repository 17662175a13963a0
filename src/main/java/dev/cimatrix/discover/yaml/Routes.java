package dev.cimatrix.discover.yaml;

/**
 * Builds routes such as {@code jobs.build.steps[2].with.ref}: identifier-like keys after a dot, other keys
 * quoted in brackets ({@code jobs["a.b"]}), sequence items by 0-based index.
 */
final class Routes {
    private Routes() {
    }

    static String key(String parent, String key) {
        if (isIdentifier(key)) {
            return parent.isEmpty() ? key : parent + '.' + key;
        }
        return parent + '[' + quoted(key) + ']';
    }

    static String index(String parent, int index) {
        return parent + '[' + index + ']';
    }

    static boolean isIdentifier(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String quoted(String key) {
        StringBuilder out = new StringBuilder(key.length() + 2).append('"');
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
