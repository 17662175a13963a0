package dev.cimatrix.analyze.checks.common;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Scalar;

import java.util.Optional;

/**
 * The findings of credentials written into a CI definition, alike for every platform: a token of a known format at the
 * check's severity, a secret-looking literal under a secret-sounding name as medium with medium confidence. Values that
 * refer to a variable ({@code $TOKEN}, {@code $(token)}) are what the platforms' secret variables are for, and are not
 * reported. Messages show the value masked.
 *
 * @param keepIt where the platform keeps a secret instead: "a masked, protected CI/CD variable"
 */
public record CredentialFindings(String keepIt) {

    /** Reports a value under a name: a token of a known format, or a secret-looking literal under a secret name. */
    public void named(String name, Scalar value, String where, String subject, FindingSink findings) {
        Optional<Credentials.Token> token = Credentials.knownToken(value.value());
        if (token.isPresent()) {
            token(value, token.get(), where, subject, findings);
        } else if (!value.value().contains("$") && Credentials.looksLikeSecret(name, value.value())) {
            findings.at(value.location())
                    .message(where + " is set to a literal that looks like a secret ("
                            + Credentials.mask(value.value().strip()) + "): if it is one, anyone who can read the "
                            + "repository has it; make it " + keepIt)
                    .subject(subject).severity(Severity.MEDIUM).confidence(Confidence.MEDIUM).report();
        }
    }

    /** Reports a token of a known format anywhere in a value (a script, a task's input). */
    public void anyToken(Scalar value, String where, String subject, FindingSink findings) {
        Credentials.knownToken(value.value()).ifPresent(token -> token(value, token, where, subject, findings));
    }

    private void token(Scalar value, Credentials.Token token, String where, String subject, FindingSink findings) {
        findings.at(value.locate(token.start(), token.end() - token.start()))
                .message(where + " holds what looks like " + token.kind() + " (" + Credentials.mask(token.text())
                        + "): it is readable by anyone who can read the repository and its history; revoke it and "
                        + "make the new one " + keepIt)
                .subject(subject + " " + token.name()).report();
    }
}
