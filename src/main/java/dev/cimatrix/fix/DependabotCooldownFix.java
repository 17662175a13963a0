package dev.cimatrix.fix;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.checks.github.DependabotCooldownCheck;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.model.DependabotConfig;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;

import java.util.List;
import java.util.Optional;

/**
 * The fix of {@code dependabot-cooldown}: a cooldown of {@link DependabotCooldownCheck#DAYS} days for the entry that
 * has none ({@code cooldown: default-days: 7}), {@code default-days} raised to that where it is shorter, or added to a
 * cooldown that sets only some semver steps.
 */
final class DependabotCooldownFix {
    private static final String DAYS = Integer.toString(DependabotCooldownCheck.DAYS);

    private final FileRewrite rewrite;
    private java.util.Map<Location, DependabotConfig.Update> byLocation;

    DependabotCooldownFix(FileRewrite rewrite) {
        this.rewrite = rewrite;
    }

    /** Plans the fix of the entry of a configuration that a finding points at, or says why it has none. */
    Optional<String> add(DependabotConfig config, Finding finding) {
        Location at = finding.location();
        // The entries by the places a finding can point at, indexed once for all the file's findings.
        if (byLocation == null) {
            byLocation = new java.util.HashMap<>();
            for (DependabotConfig.Update update : config.updates()) {
                byLocation.putIfAbsent(update.ecosystem().location(), update);
                if (update.cooldown() != null) {
                    byLocation.putIfAbsent(update.cooldown().location(), update);
                    update.cooldown().defaultDays().ifPresent(d -> byLocation.putIfAbsent(d.value().location(), update));
                }
            }
        }
        DependabotConfig.Update found = byLocation.get(at);
        for (DependabotConfig.Update update : found == null ? List.<DependabotConfig.Update>of() : List.of(found)) {
            Optional<KeyValue> days = update.cooldown() == null ? Optional.empty() : update.cooldown().defaultDays();
            if (days.isPresent() && days.get().value().location().equals(at)) {
                String value = days.get().value().value();
                return rewrite.replace(days.get().value(), 0, value.length(), DAYS);
            }
            boolean missing = update.cooldown() == null && update.ecosystem().location().equals(at);
            boolean partial = update.cooldown() != null && update.cooldown().location().equals(at);
            if (missing || partial) {
                String route = update.ecosystem().location().route();
                YamlMapping entry = route.endsWith(".package-ecosystem")
                        ? rewrite.mapping(route.substring(0, route.length() - ".package-ecosystem".length())) : null;
                if (entry == null) {
                    return Optional.of(FileRewrite.ALIASED);
                }
                Optional<FileRewrite.Additions> cooldown = rewrite.additions(entry, "cooldown", List.of());
                if (cooldown.isEmpty()) {
                    return Optional.of("the entry's cooldown: holds no mapping that a setting can be added to");
                }
                cooldown.get().add("default-days", DAYS);
                return Optional.empty();
            }
        }
        return Optional.of("the entry was not found in the file as scanned");
    }
}
