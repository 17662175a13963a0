package dev.cimatrix.catalog;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * The built-in catalog in a compact binary form, made from the YAML files at build time so that a run
 * reads it in a few milliseconds instead of parsing 300 KB of YAML. The YAML stays the only source: the
 * form records a checksum of the YAML files it was made from, and a run whose YAML files differ (an edit
 * without a rebuild) ignores it and reads the YAML.
 */
public final class CatalogCodec {
    /** Where the build puts the compact form, beside the YAML files. */
    static final String RESOURCE = "catalog/catalog.bin";
    private static final int MAGIC = 0x43494d43; // "CIMC"
    /** Changes with the layout below. */
    private static final int VERSION = 2;
    private static final List<String> SOURCES = List.of(CatalogLoader.TACTICS, CatalogLoader.TECHNIQUES,
            CatalogLoader.CONTROLS, CatalogLoader.LOG_SOURCES, CatalogLoader.CHECKS);

    private CatalogCodec() {
    }

    /** Writes the compact form of the class path's YAML catalog to the file named by the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CatalogCodec OUTPUT-FILE");
        }
        Catalog catalog = CatalogLoader.fromYaml();
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, encode(catalog, checksum(CatalogCodec::openResource)));
    }

    /** The built-in catalog from its compact form, or null when there is none or it was made from other YAML. */
    static Catalog readBuiltin() {
        byte[] bytes;
        try (InputStream in = CatalogCodec.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
        return decode(bytes, checksum(CatalogCodec::openResource));
    }

    /** CRC-32 and length of the YAML files in order; -1 when one is missing. */
    static long checksum(java.util.function.Function<String, InputStream> open) {
        CRC32 crc = new CRC32();
        long length = 0;
        for (String source : SOURCES) {
            try (InputStream in = open.apply(source)) {
                if (in == null) {
                    return -1;
                }
                byte[] bytes = in.readAllBytes();
                crc.update(bytes);
                length += bytes.length;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return crc.getValue() << 32 ^ length;
    }

    private static InputStream openResource(String path) {
        return CatalogCodec.class.getClassLoader().getResourceAsStream(path);
    }

    static byte[] encode(Catalog catalog, long checksum) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Writer w = new Writer(out);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(checksum);
            w.list(catalog.tactics(), t -> {
                w.text(t.id());
                w.text(t.name());
                w.text(t.shortName());
                w.texts(t.attack());
                w.text(t.attackNote());
                w.text(t.description());
            });
            w.list(catalog.techniques(), t -> {
                w.text(t.id());
                w.text(t.name());
                w.texts(t.tactics());
                w.text(t.description());
                w.text(t.example());
                w.texts(t.attack());
                w.text(t.attackNote());
                w.texts(t.owasp());
                w.text(t.suezawa());
                w.text(t.microsoft());
                w.list(t.incidents(), i -> {
                    w.text(i.name());
                    out.writeInt(i.year());
                });
                w.list(t.references(), r -> reference(w, r));
                w.text(t.extensionSource());
            });
            w.list(catalog.controls(), c -> {
                w.text(c.id());
                w.text(c.name());
                w.text(c.kind().name());
                w.texts(c.techniques());
                w.texts(c.platforms());
                w.text(c.implementation());
                w.list(c.logSources(), u -> {
                    w.text(u.source());
                    w.texts(u.events());
                    w.texts(u.fields());
                });
            });
            w.list(catalog.logSources(), s -> {
                w.text(s.id());
                w.text(s.name());
                w.text(s.platform());
                w.text(s.records());
                w.text(s.collection());
                w.text(s.retention());
            });
            w.list(catalog.checks(), c -> {
                w.text(c.id());
                w.text(c.platform());
                w.text(c.title());
                w.text(c.description());
                w.text(c.severity().name());
                w.text(c.confidence().name());
                w.texts(c.cells());
                w.texts(c.controls());
                w.texts(c.classes());
                w.text(c.profile());
                w.text(c.remediation());
                w.list(c.references(), r -> reference(w, r));
                w.texts(c.options());
                w.text(c.fix());
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    private static void reference(Writer w, Reference r) throws IOException {
        w.text(r.title());
        w.text(r.url());
    }

    /** The catalog in {@code bytes}, or null when they are not this version's form of YAML with {@code checksum}. */
    static Catalog decode(byte[] bytes, long checksum) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < 16 || in.getInt() != MAGIC || in.getInt() != VERSION || in.getLong() != checksum) {
            return null;
        }
        Reader r = new Reader(bytes, in);
        List<Tactic> tactics = r.list(() -> new Tactic(r.text(), r.text(), r.text(), r.texts(), r.text(), r.text()));
        List<Technique> techniques = r.list(() -> new Technique(r.text(), r.text(), r.texts(), r.text(), r.text(),
                r.texts(), r.text(), r.texts(), r.text(), r.text(),
                r.list(() -> new Incident(r.text(), in.getInt())),
                r.list(() -> new Reference(r.text(), r.text())), r.text()));
        List<Control> controls = r.list(() -> new Control(r.text(), r.text(), ControlKind.valueOf(r.text()), r.texts(),
                r.texts(), r.text(), r.list(() -> new LogSourceUse(r.text(), r.texts(), r.texts()))));
        List<LogSource> logSources = r.list(() -> new LogSource(r.text(), r.text(), r.text(), r.text(), r.text(), r.text()));
        List<CheckInfo> checks = r.list(() -> new CheckInfo(r.text(), r.text(), r.text(), r.text(),
                Severity.valueOf(r.text()), Confidence.valueOf(r.text()), r.texts(), r.texts(), r.texts(), r.text(),
                r.text(), r.list(() -> new Reference(r.text(), r.text())), r.texts(), r.text()));
        if (in.hasRemaining()) {
            return null;
        }
        return new Catalog(tactics, techniques, controls, logSources, checks);
    }

    private interface Item<T> {
        void write(T item) throws IOException;
    }

    /** Texts as a length (-1 for null) and UTF-8 bytes; lists as a count and their items. */
    private record Writer(DataOutputStream out) {
        void text(String value) throws IOException {
            if (value == null) {
                out.writeInt(-1);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }

        void texts(List<String> values) throws IOException {
            list(values, this::text);
        }

        <T> void list(List<T> items, Item<T> item) throws IOException {
            out.writeInt(items.size());
            for (T t : items) {
                item.write(t);
            }
        }
    }

    /** Reads what {@link Writer} wrote; arguments of a constructor are read left to right, as Java evaluates them. */
    private record Reader(byte[] bytes, ByteBuffer in) {
        String text() {
            int length = in.getInt();
            if (length < 0) {
                return null;
            }
            String value = new String(bytes, in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + length);
            return value;
        }

        List<String> texts() {
            return list(this::text);
        }

        <T> List<T> list(Supplier<T> item) {
            int count = in.getInt();
            List<T> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                items.add(item.get());
            }
            return items;
        }
    }
}
