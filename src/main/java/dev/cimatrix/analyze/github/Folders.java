package dev.cimatrix.analyze.github;

import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Step;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folders of the workspace that a checkout or a download fills ({@code path: pr}), and the steps that work in
 * them. A pull request checked out into {@code pr/} next to the base branch runs only where a step goes into
 * that folder or names it.
 */
public final class Folders {
    private Folders() {
    }

    /**
     * The folder a {@code path:} names inside the workspace, normalised ({@code ./pr/} is {@code pr}); empty for the
     * workspace itself, a path outside it, one built from expressions or variables, or one that climbs out.
     */
    public static Optional<String> subfolder(String path) {
        if (path == null || path.contains("$") || path.contains("\n") || path.contains("*")) {
            return Optional.empty();
        }
        String folder = Inventory.normalise(path);
        if (folder.isEmpty() || folder.equals(".") || folder.startsWith("/") || folder.startsWith("~")
                || folder.startsWith("\\") || folder.matches("(?:.*/)?\\.\\.(?:/.*)?")) {
            return Optional.empty();
        }
        return Optional.of(folder);
    }

    /**
     * Whether a step may work in the folder: its script runs there ({@code working-directory}, the job's defaults),
     * its script or inputs name the folder, or it uses a local action under it.
     */
    public static boolean touches(Job job, Step step, String folder) {
        String workingDirectory = job.workingDirectory(step);
        if (workingDirectory != null && (workingDirectory.contains("$") || within(Inventory.normalise(workingDirectory), folder))) {
            return true;
        }
        if (step.run() != null && step.run().value().contains(folder) && runsFrom(step.run().value(), folder)) {
            return true;
        }
        if (step.uses() != null && step.uses().kind() == ActionRef.Kind.LOCAL
                && within(Inventory.normalise(step.uses().path()), folder)) {
            return true;
        }
        // The pattern is made only for inputs that hold the folder's name at all: a job of thousands of steps and
        // checkouts asks this for every pair.
        Pattern named = null;
        for (var input : step.with()) {
            String value = input.value().value();
            if (!value.contains(folder)) {
                continue;
            }
            if (named == null) {
                named = Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(folder) + "(?![A-Za-z0-9_-])");
            }
            if (named.matcher(value).find()) {
                return true;
            }
        }
        return false;
    }

    /** Up to this many folders are simply each weighed with {@link #touches}. */
    private static final int FEW_FOLDERS = 8;
    /** A run of the characters a folder's name is read across in a script or an input. */
    private static final Pattern PATH_RUN = Pattern.compile("[A-Za-z0-9._/-]+");
    /** Past this many ways to read one run of path characters as a folder, every folder is weighed. */
    private static final int MAX_READINGS = 4096;

    /**
     * A set of folders to weigh against many steps, with those whose names hold characters other than path
     * characters set apart once: they cannot be found by reading runs of path characters, so each step weighs them.
     */
    public record FolderSet(Set<String> all, List<String> oddlyNamed) {
        public FolderSet {
            all = Set.copyOf(all);
            oddlyNamed = List.copyOf(oddlyNamed);
        }

        public static FolderSet of(Set<String> folders) {
            return new FolderSet(folders, folders.stream().filter(f -> !PATH_RUN.matcher(f).matches()).sorted().toList());
        }
    }

    /**
     * The folders of {@code folders} that the step touches ({@link #touches}). Rather than weigh each of many
     * folders, it reads the step's working directory, local action and the runs of path characters in its script
     * and inputs for the folder names they can hold, and weighs only those: {@link #touches} can only be true for a
     * folder named in one of these places, bounded by what bounds a name there (a start, a slash; an end, a slash or
     * a dot).
     */
    public static List<String> touchedAmong(Job job, Step step, FolderSet folders) {
        if (folders.all().isEmpty()) {
            return List.of();
        }
        Set<String> candidates = folders.all().size() <= FEW_FOLDERS ? folders.all() : candidates(job, step, folders);
        List<String> touched = new ArrayList<>();
        for (String folder : candidates) {
            if (touches(job, step, folder)) {
                touched.add(folder);
            }
        }
        return touched;
    }

    /** The folders among {@code folders} the step can name at all, or all of them when that cannot be told cheaply. */
    private static Set<String> candidates(Job job, Step step, FolderSet folderSet) {
        Set<String> folders = folderSet.all();
        Set<String> found = new HashSet<>(folderSet.oddlyNamed());
        String workingDirectory = job.workingDirectory(step);
        if (workingDirectory != null) {
            if (workingDirectory.contains("$")) {
                return folders;
            }
            addPrefixes(Inventory.normalise(workingDirectory), folders, found);
        }
        if (step.uses() != null && step.uses().kind() == ActionRef.Kind.LOCAL) {
            addPrefixes(Inventory.normalise(step.uses().path()), folders, found);
        }
        List<String> texts = new ArrayList<>();
        if (step.run() != null) {
            texts.add(step.run().value());
        }
        step.with().forEach(kv -> texts.add(kv.value().value()));
        for (String text : texts) {
            Matcher run = PATH_RUN.matcher(text);
            while (run.find()) {
                if (!addReadings(run.group(), folders, found)) {
                    return folders;
                }
            }
        }
        return found;
    }

    /** Adds the folders among {@code folders} that {@code path} lies in: {@code a}, {@code a/b}, {@code a/b/c}. */
    private static void addPrefixes(String path, Set<String> folders, Set<String> found) {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            String prefix = path.substring(0, slash);
            if (folders.contains(prefix)) {
                found.add(prefix);
            }
        }
        if (folders.contains(path)) {
            found.add(path);
        }
    }

    /**
     * Adds the folders among {@code folders} that a run of path characters can name: a piece starting at the run's
     * start or after a slash, and ending at its end or before a slash or a dot. False when there are too many ways
     * to read the run.
     */
    private static boolean addReadings(String run, Set<String> folders, Set<String> found) {
        List<Integer> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            if (c == '/') {
                starts.add(i + 1);
                ends.add(i);
            } else if (c == '.') {
                ends.add(i);
            }
        }
        ends.add(run.length());
        if ((long) starts.size() * ends.size() > MAX_READINGS) {
            return false;
        }
        for (int start : starts) {
            for (int end : ends) {
                if (end > start) {
                    String piece = run.substring(start, end);
                    if (folders.contains(piece)) {
                        found.add(piece);
                    }
                }
            }
        }
        return true;
    }

    /**
     * Whether a script goes into the folder or runs something from it: a command or a script given to an
     * interpreter under it ({@code pr/build.sh}, {@code python pr/x.py}), {@code cd pr}, or a tool pointed at it
     * ({@code make -C pr}, {@code npm --prefix pr}). A file of the folder given to a command from elsewhere
     * ({@code python tools/report.py pr/out.json}) is read as data.
     */
    static boolean runsFrom(String script, String folder) {
        String in = "[\"']?(?:\\./)?(?:\\$\\{?GITHUB_WORKSPACE\\}?/|\\$\\{\\{\\s*github\\.workspace\\s*\\}\\}/)?"
                + Pattern.quote(folder) + "(?=[/\\s\"';&|)]|$)";
        Pattern goesIn = Pattern.compile("(?:^|[;&|(`]|\\$\\()\\s*(?:sudo\\s+)?(?:[A-Za-z_][A-Za-z0-9_]*=\\S*\\s+)*"
                + "(?:(?:cd|pushd|bash|sh|zsh|source|\\.|python3?|node|ruby|perl|php|pwsh|deno|bun|tsx|ts-node)"
                + "\\s+(?:-\\S+\\s+)*)?" + in, Pattern.MULTILINE);
        if (goesIn.matcher(script).find()) {
            return true;
        }
        // A tool pointed at the folder by an option runs there, unless it is one that runs nothing of a tree
        // (git -C pr diff).
        Matcher pointed = Pattern.compile("\\s(?:-C|--prefix|--cwd|--dir|--directory|--project|--working-directory|-chdir)[= ]"
                + in).matcher(script);
        while (pointed.find()) {
            if (!RepoExecutors.runsNothingFromTree(commandAround(script, pointed.start()))) {
                return true;
            }
        }
        return false;
    }

    /** The simple command of a script that a position falls in: from the separator before it to the one after. */
    private static String commandAround(String script, int at) {
        int start = 0;
        Matcher separator = COMMAND_SEPARATOR.matcher(RepoExecutors.quotedTextBlanked(script));
        int end = script.length();
        while (separator.find()) {
            if (separator.end() <= at) {
                start = separator.end();
            } else {
                end = separator.start();
                break;
            }
        }
        return script.substring(start, end);
    }

    /** Interpreters that run a script file without looking for code in the folder they are started in. */
    private static final Set<String> SCRIPT_INTERPRETERS = Set.of("python", "python3", "node", "ruby");
    private static final Pattern COMMAND_SEPARATOR = Pattern.compile("\\|\\||&&|[;|\\n]");
    private static final Pattern WORDS = Pattern.compile("\\S+");

    /**
     * Whether a script runs nothing of a checked-out tree: each of its commands either runs nothing from any tree
     * ({@link RepoExecutors#runsNothingFromTree}) or gives python, node or ruby a script file that lies outside the
     * tree ({@code python ../tools/unpack.py ../assets} from inside the pull request's folder). Such an interpreter
     * loads the script and the modules beside it, not the folder it runs in. {@code -m}, {@code -c} and their like
     * do look there, and so do files given with variables or expressions, which are not resolved.
     *
     * @param workingDirectory where the script runs, relative to the workspace, or null for the workspace
     * @param folder           the tree's folder in the workspace, or null when the tree is the workspace itself
     */
    public static boolean runsOnlyScriptsOutside(String script, String workingDirectory, String folder) {
        String text = RepoExecutors.withoutCommentLines(script).replace("\\\n", " ");
        boolean any = false;
        for (String command : commands(text)) {
            String stripped = command.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            List<String> words = new ArrayList<>();
            WORDS.matcher(stripped).results().forEach(r -> words.add(r.group()));
            if (SCRIPT_INTERPRETERS.contains(words.get(0))) {
                Optional<String> file = words.stream().skip(1).filter(w -> !w.startsWith("-")).findFirst();
                boolean optionsFirst = words.size() > 1 && words.get(1).startsWith("-");
                if (optionsFirst || file.isEmpty() || !outside(file.get(), workingDirectory, folder)) {
                    return false;
                }
                any = true;
            } else if (!RepoExecutors.runsNothingFromTree(stripped)) {
                return false;
            }
        }
        return any;
    }

    /** The simple commands of a script, split at the separators that stand outside its quoted strings. */
    private static List<String> commands(String script) {
        List<String> commands = new ArrayList<>();
        Matcher separator = COMMAND_SEPARATOR.matcher(RepoExecutors.quotedTextBlanked(script));
        int start = 0;
        while (separator.find()) {
            commands.add(script.substring(start, separator.start()));
            start = separator.end();
        }
        commands.add(script.substring(start));
        return commands;
    }

    /** Whether a script file, as written on a command line, lies outside the tree. */
    private static boolean outside(String file, String workingDirectory, String folder) {
        String path = file.replace("\"", "").replace("'", "");
        if (path.contains("$") || path.contains("`") || path.contains("*")) {
            return false;
        }
        if (path.startsWith("/") || path.startsWith("~")) {
            return true;
        }
        String base = workingDirectory == null ? "" : Inventory.normalise(workingDirectory);
        if (base.contains("$") || base.startsWith("/")) {
            return false;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : ((base.isEmpty() ? "" : base + "/") + path).split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return true;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return folder != null && !within(String.join("/", parts), folder);
    }

    private static boolean within(String path, String folder) {
        return path.equals(folder) || path.startsWith(folder + "/");
    }
}
