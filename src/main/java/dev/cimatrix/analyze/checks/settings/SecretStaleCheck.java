package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.model.GithubSettings;
import dev.cimatrix.model.GithubSettings.Secret;
import dev.cimatrix.model.Scalar;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * An Actions secret whose value was last set more than a year before the snapshot was read ({@code updated_at}
 * against {@code read_at}): a copy that leaked in that time, from a log, a runner or a former member, still works.
 */
public final class SecretStaleCheck extends SettingsCheck {
    public static final String ID = "github-secret-stale";
    static final Duration MAX_AGE = Duration.ofDays(365);

    public SecretStaleCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        GithubSettings settings = context.settings();
        Instant readAt = instant(settings.readAt());
        if (readAt == null || settings.secrets().isEmpty()) {
            return;
        }
        findings.met();
        for (Secret secret : settings.secrets()) {
            Instant updated = instant(secret.updatedAt());
            if (updated == null || !updated.isBefore(readAt.minus(MAX_AGE))) {
                continue;
            }
            long days = Duration.between(updated, readAt).toDays();
            String name = secret.name().value().strip();
            findings.at(secret.updatedAt().location())
                    .message("Secret " + name + " of " + owner(settings) + " was last set on "
                            + updated.toString().substring(0, 10) + ", " + days + " days before the settings were read: "
                            + "a copy that leaked since then, from a log, a runner or a former member, still works.")
                    .subject("secret " + name.toLowerCase(Locale.ROOT))
                    .report();
        }
    }

    /** An ISO-8601 instant as the API writes it; null when absent or not one. */
    private static Instant instant(Scalar value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.value().strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
