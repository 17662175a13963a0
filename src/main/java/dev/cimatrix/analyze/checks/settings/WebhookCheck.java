package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.model.GithubSettings.Webhook;

import java.net.URI;
import java.util.Locale;

/**
 * A webhook whose deliveries a receiver cannot trust: no secret, so deliveries carry no signature and a forged one
 * looks the same; or plain HTTP or {@code insecure_ssl}, so deliveries can be read and changed on the way. CI servers,
 * GitOps and chat-ops bots start builds and deployments from these deliveries.
 */
public final class WebhookCheck extends SettingsCheck {
    public static final String ID = "github-webhook-insecure";

    public WebhookCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        if (context.settings().hooks().isEmpty()) {
            return;
        }
        findings.met();
        for (Webhook hook : context.settings().hooks()) {
            if (!hook.active()) {
                continue;
            }
            String host = host(hook.url().value());
            if (!hook.signed()) {
                findings.at(hook.location())
                        .message("The webhook to " + host + " has no secret, so its deliveries carry no signature: the "
                                + "receiver cannot tell them from forged ones, and whoever reaches it can start what a "
                                + "delivery starts (builds, deployments, bots).")
                        .subject("unsigned " + host).report();
            }
            boolean plain = hook.url().value().strip().toLowerCase(Locale.ROOT).startsWith("http://");
            if (plain || hook.insecureSsl()) {
                findings.at(hook.url().location())
                        .message("The webhook to " + host + " is delivered " + (plain ? "over plain HTTP"
                                : "without checking the receiver's certificate (insecure_ssl)") + ": anyone on the "
                                + "way reads the events and can change them.")
                        .subject("transport " + host).report();
            }
        }
    }

    /** The receiver's host, the only part of the URL a message shows (the rest may hold a token). */
    private static String host(String url) {
        try {
            String host = URI.create(url.strip()).getHost();
            return host == null ? "an unreadable URL" : host;
        } catch (IllegalArgumentException e) {
            return "an unreadable URL";
        }
    }
}
