package dev.cimatrix.store;

import dev.cimatrix.io.IoReason;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * What detection remembers between runs, in one SQLite file: how often each baseline value was seen per key (for
 * first-seen and rarity rules), and when learning started. The schema is versioned; opening a file applies the
 * migrations it lacks, in order, in one transaction.
 */
public final class DetectionState implements AutoCloseable {
    /**
     * Schema migrations; entry i brings the schema from version i to i + 1. Append only: a released entry never
     * changes, since files in users' caches were built with it.
     */
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of("CREATE TABLE baseline (rule TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, "
                            + "first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, count INTEGER NOT NULL, "
                            + "PRIMARY KEY (rule, key, value)) WITHOUT ROWID",
                    "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            List.of("CREATE TABLE correlation_match (rule TEXT NOT NULL, grp TEXT NOT NULL, seq INTEGER NOT NULL, "
                    + "grp_fields TEXT NOT NULL, time INTEGER NOT NULL, position INTEGER NOT NULL, value TEXT, "
                    + "file TEXT NOT NULL, line INTEGER NOT NULL, event TEXT NOT NULL, matched TEXT NOT NULL, "
                    + "PRIMARY KEY (rule, grp, seq)) WITHOUT ROWID"));
    private static final int COMMIT_EVERY = 10_000;
    /**
     * Observations look at whether a commit is due once in this many (a power of two). A test made on every one would
     * be a branch taken once in ten thousand calls inside the per-event code the JIT compiles, which, first taken
     * after that compilation, had the JIT throw away and compile again the whole per-event method: about 5% of
     * the processor time of `detect` over a 1 GiB log.
     */
    static final int CHECK_EVERY = 256;
    /**
     * Observations are committed once this long has passed since the last commit (see {@link #commitIfDue}): a slow
     * followed log takes hours to reach {@value #COMMIT_EVERY} observations, and a process killed outright (kill -9,
     * a power cut) would lose all it learnt since.
     */
    private static final Duration COMMIT_AFTER = Duration.ofSeconds(30);
    /** Baseline entries kept in memory at most; beyond this the cache is written out and emptied. */
    static final int CACHED_ENTRIES = 200_000;

    private final Connection connection;
    private final RunLock runLock;
    private final PreparedStatement lookup;
    private final PreparedStatement write;
    /**
     * Baseline entries read or changed by this run, by rule, key and value. A baseline rule that matches often
     * meets the same few values again and again; counting them here and writing the changed entries in one batch
     * every {@value #COMMIT_EVERY} observations replaces a statement per observation with a map lookup.
     */
    private final Map<Id, Entry> cache = new HashMap<>();
    private final List<Entry> changed = new ArrayList<>();
    /** The table had no entries when opened and the cache was never emptied, so whatever is not cached is absent. */
    private boolean cacheIsComplete;
    private final int cacheLimit;
    private int uncommitted;
    private long commitAfterNanos = COMMIT_AFTER.toNanos();
    private long lastCommitNanos = System.nanoTime();

    /** A baseline row's key; its hash is worked out once, since each lookup also compares it on a hit. */
    private static final class Id {
        private final String rule;
        private final String key;
        private final String value;
        private final int hash;

        Id(String rule, String key, String value) {
            this.rule = rule;
            this.key = key;
            this.value = value;
            this.hash = (rule.hashCode() * 31 + key.hashCode()) * 31 + value.hashCode();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id other && hash == other.hash && value.equals(other.value) && key.equals(other.key)
                    && rule.equals(other.rule);
        }
    }

    /** One baseline row as this run knows it. */
    private static final class Entry {
        final Id id;
        long firstSeen;
        long lastSeen;
        long count;
        boolean changed;

        Entry(Id id, long firstSeen, long lastSeen, long count) {
            this.id = id;
            this.firstSeen = firstSeen;
            this.lastSeen = lastSeen;
            this.count = count;
        }
    }

    private DetectionState(Connection connection, RunLock runLock, int cacheLimit) throws SQLException {
        this.connection = connection;
        this.runLock = runLock;
        this.cacheLimit = cacheLimit;
        this.lookup = connection.prepareStatement("SELECT first_seen, last_seen, count FROM baseline "
                + "WHERE rule = ? AND key = ? AND value = ?");
        this.write = connection.prepareStatement("INSERT INTO baseline (rule, key, value, first_seen, last_seen, "
                + "count) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (rule, key, value) DO UPDATE SET "
                + "count = excluded.count, first_seen = excluded.first_seen, last_seen = excluded.last_seen");
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT 1 FROM baseline LIMIT 1")) {
            this.cacheIsComplete = !r.next();
        }
    }

    /**
     * Opens or creates the store, creating its directory and migrating the schema to the current version, once no
     * other process has it open: runs that share a store take turns, as each writes back the counts it read.
     */
    public static DetectionState open(Path file) {
        return open(file, () -> { }, CACHED_ENTRIES);
    }

    /** As {@link #open(Path)}; {@code whileWaiting} is told once, before waiting, if another process has the store. */
    public static DetectionState open(Path file, Runnable whileWaiting) {
        return open(file, whileWaiting, CACHED_ENTRIES);
    }

    /** With a smaller baseline cache, so that tests reach its limit. */
    static DetectionState open(Path file, int cacheLimit) {
        return open(file, () -> { }, cacheLimit);
    }

    private static DetectionState open(Path file, Runnable whileWaiting, int cacheLimit) {
        RunLock runLock = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            runLock = RunLock.take(file.resolveSibling(file.getFileName() + ".lock"), whileWaiting);
            SqliteNative.prepare(cacheDirectory());
            // The driver itself, rather than DriverManager, which would first load every driver on the class path.
            Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file.toAbsolutePath(), new Properties());
            if (c == null) {
                throw new SQLException("the SQLite driver does not accept " + file);
            }
            try {
                refuseForeign(c);
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout = 5000");
                    s.execute("PRAGMA journal_mode = WAL");
                }
                c.setAutoCommit(false);
                migrate(c);
                return new DetectionState(c, runLock, cacheLimit);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(c);
                throw e;
            }
        } catch (IOException | SQLException e) {
            release(runLock);
            throw new StoreException("cannot open state store " + file + ": "
                    + (e instanceof IOException io ? IoReason.of(io) : e.getMessage()), e);
        } catch (RuntimeException e) {
            release(runLock);
            throw e;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // The open failed already, which is what the user is told.
        }
    }

    private static void release(RunLock runLock) {
        if (runLock != null) {
            runLock.release();
        }
    }

    /** {@code $XDG_CACHE_HOME/cimatrix/detect.db}, else {@code ~/.cache/cimatrix/detect.db}. */
    public static Path defaultFile() {
        return cacheDirectory().resolve("detect.db");
    }

    /** {@code $XDG_CACHE_HOME/cimatrix}, else {@code ~/.cache/cimatrix}. */
    static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("cimatrix");
    }

    public static int currentSchemaVersion() {
        return MIGRATIONS.size();
    }

    /**
     * Refuses an SQLite file that another program made (tables, but none of the schema version), before anything
     * is written to it: the user named the wrong file, and it is not ours to change.
     */
    private static void refuseForeign(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        if (!tables.isEmpty() && !tables.contains("schema_version")) {
            int shown = Math.min(tables.size(), 5);
            throw new SQLException("not a cimatrix state file: it holds other tables ("
                    + String.join(", ", tables.subList(0, shown)) + (tables.size() > shown ? ", …" : "")
                    + ") and no schema version, so it was left as it is; give --state a new file");
        }
    }

    private static void migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version;
            try (ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                version = r.next() ? r.getInt(1) : 0;
            }
            if (version > MIGRATIONS.size()) {
                c.rollback();
                throw new SQLException("the state file has schema version " + version + ", newer than this "
                        + "cimatrix knows (" + MIGRATIONS.size() + ")");
            }
            for (int v = version; v < MIGRATIONS.size(); v++) {
                for (String sql : MIGRATIONS.get(v)) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO schema_version (version) VALUES (" + (v + 1) + ")");
            }
            c.commit();
        }
    }

    public int schemaVersion() {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT max(version) FROM schema_version")) {
            return r.next() ? r.getInt(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("cannot read the schema version: " + e.getMessage(), e);
        }
    }

    /**
     * Records that {@code value} was seen for {@code key} under a rule at an event time, and returns how many
     * times it had been seen before (0 = first time).
     */
    public long observe(String rule, String key, String value, long eventTime) {
        try {
            Id id = new Id(rule, key, value);
            Entry entry = cache.get(id);
            if (entry == null) {
                entry = load(id);
                if (cache.size() >= cacheLimit) {
                    flush();
                    cache.clear();
                    cacheIsComplete = false;
                }
                cache.put(id, entry);
            }
            long before = entry.count;
            if (before == 0) {
                entry.firstSeen = eventTime;
                entry.lastSeen = eventTime;
            } else {
                entry.firstSeen = Math.min(entry.firstSeen, eventTime);
                entry.lastSeen = Math.max(entry.lastSeen, eventTime);
            }
            entry.count = before + 1;
            if (!entry.changed) {
                entry.changed = true;
                changed.add(entry);
            }
            if ((++uncommitted & (CHECK_EVERY - 1)) == 0) {
                commitIfDue();
            }
            return before;
        } catch (SQLException e) {
            throw new StoreException("cannot update the baseline: " + e.getMessage(), e);
        }
    }

    /** The stored entry, or a new one with a count of 0. */
    private Entry load(Id id) throws SQLException {
        if (!cacheIsComplete) {
            lookup.setString(1, id.rule);
            lookup.setString(2, id.key);
            lookup.setString(3, id.value);
            try (ResultSet r = lookup.executeQuery()) {
                if (r.next()) {
                    return new Entry(id, r.getLong(1), r.getLong(2), r.getLong(3));
                }
            }
        }
        return new Entry(id, 0, 0, 0);
    }

    /** Writes the entries changed since the last write, in the open transaction. */
    private void flush() throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        for (Entry e : changed) {
            write.setString(1, e.id.rule);
            write.setString(2, e.id.key);
            write.setString(3, e.id.value);
            write.setLong(4, e.firstSeen);
            write.setLong(5, e.lastSeen);
            write.setLong(6, e.count);
            write.addBatch();
            e.changed = false;
        }
        write.executeBatch();
        changed.clear();
    }

    /** The event time learning started at, if a run with --learn set it. */
    public OptionalLong learningStart() {
        try (PreparedStatement s = connection.prepareStatement("SELECT value FROM meta WHERE name = 'learning_start'");
             ResultSet r = s.executeQuery()) {
            return r.next() ? OptionalLong.of(Long.parseLong(r.getString(1))) : OptionalLong.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read the store: " + e.getMessage(), e);
        }
    }

    public void learningStart(long eventTime) {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO meta (name, value) VALUES ('learning_start', ?) "
                        + "ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            s.setString(1, Long.toString(eventTime));
            s.executeUpdate();
            commit();
        } catch (SQLException e) {
            throw new StoreException("cannot write the store: " + e.getMessage(), e);
        }
    }

    /**
     * A base-rule match held in an open correlation window, kept so that thresholds and sequences carry over
     * into the next run.
     *
     * @param group       the group's key, as the engine forms it
     * @param groupFields the group's fields and values, as JSON
     * @param seq         the match's place in its window
     * @param matched     the fields that matched, as JSON
     */
    public record OpenMatch(String rule, String group, String groupFields, int seq, long time, int position,
                            String value, String file, long line, String event, String matched) {
    }

    /** The matches of the correlation windows left open by the last run, in window order. */
    public List<OpenMatch> openMatches() {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT rule, grp, grp_fields, seq, time, position, value, file, line, "
                     + "event, matched FROM correlation_match ORDER BY rule, grp, seq")) {
            List<OpenMatch> out = new java.util.ArrayList<>();
            while (r.next()) {
                out.add(new OpenMatch(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getLong(5),
                        r.getInt(6), r.getString(7), r.getString(8), r.getLong(9), r.getString(10), r.getString(11)));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the correlation windows: " + e.getMessage(), e);
        }
    }

    /** Replaces the stored open correlation windows with these, in one transaction. */
    public void replaceOpenMatches(List<OpenMatch> matches) {
        try (Statement clear = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO correlation_match (rule, grp, "
                     + "grp_fields, seq, time, position, value, file, line, event, matched) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            clear.execute("DELETE FROM correlation_match");
            for (OpenMatch m : matches) {
                insert.setString(1, m.rule());
                insert.setString(2, m.group());
                insert.setString(3, m.groupFields());
                insert.setInt(4, m.seq());
                insert.setLong(5, m.time());
                insert.setInt(6, m.position());
                insert.setString(7, m.value());
                insert.setString(8, m.file());
                insert.setLong(9, m.line());
                insert.setString(10, m.event());
                insert.setString(11, m.matched());
                insert.addBatch();
            }
            insert.executeBatch();
            commit();
        } catch (SQLException e) {
            throw new StoreException("cannot write the correlation windows: " + e.getMessage(), e);
        }
    }

    /** Number of distinct (rule, key, value) entries; for statistics and tests. */
    public long baselineSize() {
        try {
            flush();
        } catch (SQLException e) {
            throw new StoreException("cannot write the baseline: " + e.getMessage(), e);
        }
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM baseline")) {
            return r.next() ? r.getLong(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("cannot read the store: " + e.getMessage(), e);
        }
    }

    /**
     * Commits the observations made since the last commit if there are {@value #COMMIT_EVERY} of them or the commit
     * interval has passed. Observations call this every {@value #CHECK_EVERY}, and a followed log each time it waits
     * for more lines, so what a slow log taught is kept within about the interval.
     */
    public void commitIfDue() {
        if (uncommitted > 0 && (uncommitted >= COMMIT_EVERY || System.nanoTime() - lastCommitNanos >= commitAfterNanos)) {
            try {
                commit();
            } catch (SQLException e) {
                throw new StoreException("cannot update the baseline: " + e.getMessage(), e);
            }
        }
    }

    private void commit() throws SQLException {
        flush();
        connection.commit();
        uncommitted = 0;
        lastCommitNanos = System.nanoTime();
    }

    /** For tests: how long after the last commit observations are due to be committed. */
    void commitAfter(Duration wait) {
        commitAfterNanos = wait.toNanos();
    }

    @Override
    public void close() {
        try {
            commit();
            lookup.close();
            write.close();
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the state store: " + e.getMessage(), e);
        } finally {
            runLock.release();
        }
    }
}
