package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.Derived;
import dev.cimatrix.model.IfCondition;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Workflow;
import dev.cimatrix.model.expr.Binary;
import dev.cimatrix.model.expr.ContextPaths;
import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.Literal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which repository a scanned file belongs to. The clone's remote says it for the scanned root; without one, the
 * workflows of a repository folder often say it themselves: a condition such as
 * {@code github.repository == 'org/project'} keeps a job from running in forks and copies, and names the one
 * repository the workflows are written for. When the conditions of a folder name exactly one repository, that is
 * taken as the folder's own.
 */
public final class RepositoryIdentity {
    /** The context paths that hold the full name of the repository a run belongs to. */
    private static final Set<String> REPOSITORY_PATHS = Set.of("github.repository", "github.event.repository.full_name");

    private RepositoryIdentity() {
    }

    /** Whether {@code owner/name} is the repository the file at {@code path} belongs to, as far as the scan can tell. */
    public static boolean isThisRepository(Inventory inventory, Derived derived, String path, String ownerSlashName) {
        if (inventory.isThisRepository(ownerSlashName)) {
            return true;
        }
        return named(inventory, derived, path).map(name -> name.equalsIgnoreCase(ownerSlashName)).orElse(false);
    }

    /** Whether {@code owner} owns the repository the file at {@code path} belongs to, as far as the scan can tell. */
    public static boolean isThisOwner(Inventory inventory, Derived derived, String path, String owner) {
        Optional<String> name = Optional.ofNullable(inventory.repository()).or(() -> named(inventory, derived, path));
        return name.filter(n -> n.indexOf('/') > 0)
                .map(n -> n.substring(0, n.indexOf('/')).equalsIgnoreCase(owner)).orElse(false);
    }

    /** The one repository the conditions of the file's repository folder name, if they name exactly one. */
    static Optional<String> named(Inventory inventory, Derived derived, String path) {
        Map<String, Set<String>> byFolder = derived.get(RepositoryIdentity.class, () -> namesByFolder(inventory));
        return Inventory.repositoryFolder(path).map(byFolder::get).filter(names -> names.size() == 1)
                .map(names -> names.iterator().next());
    }

    private static Map<String, Set<String>> namesByFolder(Inventory inventory) {
        Map<String, Set<String>> byFolder = new HashMap<>();
        inventory.workflowsByRepositoryFolder().forEach((folder, workflows) -> {
            Set<String> names = byFolder.computeIfAbsent(folder, f -> new TreeSet<>());
            for (Workflow workflow : workflows) {
                for (Job job : workflow.jobs()) {
                    collect(job.condition(), names);
                    for (Step step : job.steps()) {
                        collect(step.condition(), names);
                    }
                }
            }
        });
        return byFolder;
    }

    private static void collect(IfCondition condition, Set<String> names) {
        if (condition != null && condition.parsed() != null && condition.parsed().isExpression()) {
            collect(condition.parsed().expr(), names);
        }
    }

    /** Every {@code owner/name} a repository path is tested to equal, in any operand order. */
    private static void collect(Expr expr, Set<String> names) {
        if (expr instanceof Binary binary && binary.op() == Binary.Op.EQ) {
            repositoryName(binary.left(), binary.right()).or(() -> repositoryName(binary.right(), binary.left()))
                    .ifPresent(names::add);
        }
        if (names.size() < 8) {
            expr.children().forEach(child -> collect(child, names));
        }
    }

    private static Optional<String> repositoryName(Expr path, Expr value) {
        boolean repository = ContextPaths.of(path).map(p -> REPOSITORY_PATHS.contains(p.toLowerCase(Locale.ROOT)))
                .orElse(false);
        if (repository && value instanceof Literal literal && literal.value() instanceof String text
                && text.strip().matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            return Optional.of(text.strip().toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }
}
