package dev.cimatrix.detect;

import java.util.Locale;

/**
 * Tells which log an event comes from by its shape, reading only a few slots registered in the rule set's field
 * table. Panther's normalised events name their log type in {@code p_log_type}, which wins when present.
 */
final class SourceClassifier {
    private final int panther;
    private final int apiVersion;
    private final int kind;
    private final int verb;
    private final int objectRef;
    private final int eventSource;
    private final int eventName;
    private final int action;
    private final int actor;
    private final int repository;
    private final int sender;
    private final int workflowRun;
    private final int workflowJob;
    private final int pusher;
    private final int pullRequest;
    private final int hookId;
    private final int eventType;
    private final int entityType;
    private final int targetDetails;
    private final int detail;
    private final int details;
    private final int authorId;
    private String lastLogType;
    private EventSource lastByLogType;

    SourceClassifier(FieldTable table) {
        panther = table.slot("p_log_type");
        apiVersion = table.slot("apiVersion");
        kind = table.slot("kind");
        verb = table.slot("verb");
        objectRef = table.slot("objectRef");
        eventSource = table.slot("eventSource");
        eventName = table.slot("eventName");
        action = table.slot("action");
        actor = table.slot("actor");
        repository = table.slot("repository");
        sender = table.slot("sender");
        workflowRun = table.slot("workflow_run");
        workflowJob = table.slot("workflow_job");
        pusher = table.slot("pusher");
        pullRequest = table.slot("pull_request");
        hookId = table.slot("hook_id");
        eventType = table.slot("event_type");
        entityType = table.slot("entity_type");
        targetDetails = table.slot("target_details");
        detail = table.slot("detail");
        details = table.slot("details");
        authorId = table.slot("author_id");
    }

    /** The source of the event, or null for a shape none of the readers knows. */
    EventSource classify(EventRecord e) {
        String logType = e.text(panther);
        if (logType != null) {
            // A log holds one or a few log types: the last one's verdict is kept rather than lower-casing each.
            if (!logType.equals(lastLogType)) {
                lastLogType = logType;
                lastByLogType = byPantherLogType(logType.toLowerCase(Locale.ROOT));
            }
            if (lastByLogType != null) {
                return lastByLogType;
            }
        }
        String version = e.text(apiVersion);
        if ((version != null && version.startsWith("audit.k8s.io/"))
                || ("Event".equals(e.text(kind)) && e.present(verb) && e.present(objectRef))) {
            return EventSource.K8S_AUDIT;
        }
        if (e.present(eventSource) && e.present(eventName)) {
            return EventSource.CLOUDTRAIL;
        }
        boolean repositoryObject = e.raw(repository) == EventRecord.CONTAINER;
        if (e.present(workflowRun) || e.present(workflowJob) || e.present(pusher) || e.present(pullRequest)
                || e.raw(sender) == EventRecord.CONTAINER || (repositoryObject && !e.present(actor))
                || (e.present(hookId) && !e.present(actor))) {
            return EventSource.GITHUB_WEBHOOK;
        }
        String act = e.text(action);
        if (act != null && (e.present(actor) || act.indexOf('.') > 0)) {
            return EventSource.GITHUB_AUDIT;
        }
        if (e.present(eventType) || e.present(entityType) || e.present(targetDetails) || e.present(detail)
                || e.present(details) || e.present(authorId)) {
            return EventSource.GITLAB_AUDIT;
        }
        return null;
    }

    private static EventSource byPantherLogType(String logType) {
        if (logType.equals("github.audit")) {
            return EventSource.GITHUB_AUDIT;
        }
        if (logType.equals("github.webhook")) {
            return EventSource.GITHUB_WEBHOOK;
        }
        if (logType.equals("aws.cloudtrail")) {
            return EventSource.CLOUDTRAIL;
        }
        if (logType.equals("gitlab.audit")) {
            return EventSource.GITLAB_AUDIT;
        }
        if (logType.endsWith(".audit") && (logType.contains("eks") || logType.contains("k8s")
                || logType.contains("kubernetes") || logType.contains("gke") || logType.contains("aks"))) {
            return EventSource.K8S_AUDIT;
        }
        return null;
    }
}
