package dev.cimatrix.discover;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RepositoryNameTest {
    @Test
    void ownerAndNameFromEveryFormOfRemoteUrl() {
        assertThat(RepositoryName.fromUrl("https://github.com/acme/app.git")).contains("acme/app");
        assertThat(RepositoryName.fromUrl("https://github.com/acme/app")).contains("acme/app");
        assertThat(RepositoryName.fromUrl("https://x-access-token:t0k3n@github.com/acme/app.git/")).contains("acme/app");
        assertThat(RepositoryName.fromUrl("git@github.com:acme/app.git")).contains("acme/app");
        assertThat(RepositoryName.fromUrl("ssh://git@ghe.example.com:2222/acme/app.js")).contains("acme/app.js");
        assertThat(RepositoryName.fromUrl("github.com:acme/app")).contains("acme/app");
        assertThat(RepositoryName.fromUrl("/srv/git/app.git")).isEmpty();
        assertThat(RepositoryName.fromUrl("https://github.com/acme")).isEmpty();
        assertThat(RepositoryName.fromUrl("")).isEmpty();
    }

    @Test
    void readFromTheCloneAFolderIsIn(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), """
                [core]
                \trepositoryformatversion = 0
                [remote "upstream"]
                \turl = https://github.com/someone-else/app.git
                [remote "origin"]
                \turl = git@github.com:acme/app.git
                \tfetch = +refs/heads/*:refs/remotes/origin/*
                """);
        Path sub = Files.createDirectories(root.resolve("services/api"));
        assertThat(RepositoryName.of(root)).contains("acme/app");
        assertThat(RepositoryName.of(sub)).contains("acme/app");
    }

    @Test
    void aLinkedWorktreeReadsTheMainRepositorysConfiguration(@TempDir Path root) throws Exception {
        Path main = Files.createDirectories(root.resolve("main/.git/worktrees/feature"));
        Files.writeString(root.resolve("main/.git/config"), "[remote \"origin\"]\n\turl = https://github.com/acme/app\n");
        Files.writeString(main.resolve("commondir"), "../..\n");
        Path worktree = Files.createDirectories(root.resolve("feature"));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + main + "\n");
        assertThat(RepositoryName.of(worktree)).contains("acme/app");
    }

    @Test
    void unknownWithoutAUsableRemote(@TempDir Path root) throws Exception {
        assertThat(RepositoryName.of(root)).isEqualTo(Optional.empty());
        Files.createDirectories(root.resolve(".git"));
        assertThat(RepositoryName.of(root)).as("no config").isEmpty();
        Files.writeString(root.resolve(".git/config"), "[remote \"a\"]\n\turl = https://github.com/x/a\n"
                + "[remote \"b\"]\n\turl = https://github.com/x/b\n");
        assertThat(RepositoryName.of(root)).as("two remotes, none origin").isEmpty();
        Files.writeString(root.resolve(".git/config"), "[remote \"origin\"\n\turl = broken");
        assertThat(RepositoryName.of(root)).as("not a configuration").isEmpty();
    }
}
