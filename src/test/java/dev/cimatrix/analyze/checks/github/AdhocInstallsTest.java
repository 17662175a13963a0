package dev.cimatrix.analyze.checks.github;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AdhocInstallsTest {
    private static AdhocInstalls.Install only(String script) {
        List<AdhocInstalls.Install> installs = AdhocInstalls.find(script);
        assertThat(installs).as(script).hasSize(1);
        return installs.get(0);
    }

    @Test
    void aCommandContinuedOverLinesIsOneInstallWithItsSpan() {
        String script = "set -e\npip3 install \\\n  --index-url https://pypi.org/simple \\\n  awscli boto3==1.35.0 > pip.log 2>&1\necho ok\n";
        var install = only(script);
        assertThat(script.substring(install.start(), install.end())).startsWith("pip3 install").endsWith("boto3==1.35.0");
        assertThat(install.registry()).isEqualTo(AdhocInstalls.Registry.PYPI);
        assertThat(install.floating()).containsExactly("awscli");
        assertThat(install.pinned()).containsExactly("boto3==1.35.0");
    }

    @Test
    void optionValuesAreNotPackages() {
        assertThat(only("pip install --target vendor --timeout 60 requests").floating()).containsExactly("requests");
        assertThat(only("pip3 install -r requirements.txt pytest").floating()).containsExactly("pytest");
        assertThat(only("npm install --prefix tools --registry https://r.example -g typescript").floating())
                .containsExactly("typescript");
        assertThat(only("gem install -i vendor/gems -n bin rake").floating()).containsExactly("rake");
        assertThat(only("cargo install --root tools --features cli just").floating()).containsExactly("just");
        assertThat(only("dotnet tool install --tool-path tools dotnet-reportgenerator-globaltool").floating())
                .containsExactly("dotnet-reportgenerator-globaltool");
        assertThat(only("pnpm --filter web add zod").floating()).containsExactly("zod");
        assertThat(only("uv tool install --with keyrings.alt --python 3.12 keyring").floating())
                .containsExactly("keyrings.alt", "keyring");
    }

    @Test
    void versionsAreReadAsEachPackageManagerWritesThem() {
        assertThat(only("pip install 'django>=4.2' flask==3.0.3 'x[extra]===1.0' 'y~=2.1'").floating())
                .containsExactly("django>=4.2", "y~=2.1");
        assertThat(only("npm i -D @types/node@20.14.2 eslint@^9 left-pad@latest react").pinned())
                .containsExactly("@types/node@20.14.2");
        assertThat(only("npm i -D @types/node@20.14.2 eslint@^9 left-pad@latest react").floating())
                .containsExactly("eslint@^9", "left-pad@latest", "react");
        assertThat(only("npm install user/repo#0123456789abcdef0123456789abcdef01234567 user/other").floating())
                .containsExactly("user/other");
        assertThat(only("gem install bundler --version 2.5.11").pinned()).containsExactly("bundler");
        assertThat(only("gem install foo@1.2.3 bar:2.0 baz").floating()).containsExactly("baz");
        assertThat(only("cargo install ripgrep@14.1.0").pinned()).containsExactly("ripgrep@14.1.0");
        assertThat(only("cargo install --git https://github.com/x/tool tool").fromGit()).containsExactly("https://github.com/x/tool");
        assertThat(only("cargo install --git https://github.com/x/tool --rev 0123456 tool").pinned())
                .containsExactly("https://github.com/x/tool");
        assertThat(only("go install honnef.co/go/tools/cmd/staticcheck@master").floating())
                .containsExactly("honnef.co/go/tools/cmd/staticcheck@master");
        assertThat(only("pip install git+https://github.com/org/pkg@main requests").fromGit())
                .containsExactly("git+https://github.com/org/pkg@main");
        assertThat(only("pip install git+https://github.com/org/pkg@main requests").fromRegistry()).containsExactly("requests");
        assertThat(only("pip install git+https://github.com/org/pkg@0123456789abcdef0123456789abcdef01234567").pinned()).hasSize(1);
        assertThat(only("uv pip install -U transformers@git+https://github.com/huggingface/transformers.git").fromGit()).hasSize(1);
    }

    @Test
    void anUnquotedComparisonIsARedirectionAndAQuotedOneAVersion() {
        assertThat(only("pip install contentctl>=4.0.0 2>&1").floating()).containsExactly("contentctl");
        assertThat(only("pip install 'contentctl>=4.0.0' 2> err.log").floating()).containsExactly("contentctl>=4.0.0");
        assertThat(only("pip install \"contentctl<5\" >/dev/null").floating()).containsExactly("contentctl<5");
    }

    @Test
    void anIndexOtherThanTheRegistryIsNamedByItsHost() {
        assertThat(only("pip install --index-url https://download.pytorch.org/whl/cpu torch").source())
                .isEqualTo("the index at download.pytorch.org");
        assertThat(only("pip install -i https://pypi.internal.example/simple --extra-index-url https://pypi.org/simple corp-lib")
                .source()).isEqualTo("the index at pypi.internal.example and the extra index at pypi.org, whichever offers the higher version");
        assertThat(only("pip install --extra-index-url=https://user:token@pkgs.example.com/simple corp-lib").source())
                .isEqualTo("PyPI and the extra index at pkgs.example.com, whichever offers the higher version");
        assertThat(only("uv pip install --extra-index-url https://pkgs.example.com/simple corp-lib").source())
                .isEqualTo("PyPI and the extra index at pkgs.example.com");
        assertThat(only("npm install -g --registry https://npm.example.com tool").source()).isEqualTo("the index at npm.example.com");
        assertThat(only("pip install --index-url \"$INDEX\" tool").source()).isEqualTo("PyPI");
    }

    @Test
    void lockFilesLocalPathsAndTheManagerItselfAreNotAdHoc() {
        for (String script : List.of("npm ci", "npm install", "npm install --no-audit --no-fund", "yarn", "yarn install",
                "pnpm install --frozen-lockfile", "bun install", "pip install -r requirements.txt",
                "pip install -rrequirements.txt", "pip install --requirement=dev.txt", "pip install -c c.txt pytest",
                "pip install --require-hashes pytest==8.2.2", "pip install --no-index --find-links wheels pkg",
                "pip install -e .", "pip install .[dev]", "pip install dist/pkg-1.0-py3-none-any.whl",
                "python -m pip install -U pip", "npm install -g npm", "yarn add file:../lib", "npm install ./pkg.tgz",
                "go install ./...", "go install example.com/cmd@v1.2.3", "cargo install --path .",
                "cargo install x --version 1.2.3 --locked", "gem install ./local.gem", "npm install --before 2024-01-01 x",
                "pip install \"$PKG\"", "npm install ${{ inputs.pkg }}", "gem install $GEMS", "pip list",
                "npm run install-deps", "make install", "npx some-tool", "uvx ruff check", "pipx run black .",
                "apt-get install -y python3-pip", "brew install jq", "gem install --help")) {
            assertThat(AdhocInstalls.find(script)).as(script).isEmpty();
        }
    }

    @Test
    void prefixesLeaveTheCommandToRead() {
        for (String script : List.of("sudo -H pip install awscli", "sudo -u runner npm install -g pm2",
                "env PIP_NO_CACHE_DIR=1 pip install awscli", "CI=1 npm install -g pm2", "if ! pip install awscli; then exit 1; fi",
                "time gem install rake", "pipenv run pip install pytest", "( cd tools && npm install -g pm2 )", "echo start; pip install awscli", "x=$(pip install awscli)")) {
            assertThat(AdhocInstalls.find(script)).as(script).hasSize(1);
        }
        assertThat(only("/opt/venv/bin/pip install awscli").tool()).isEqualTo("pip");
        assertThat(only("python3.12 -m pip install awscli").tool()).isEqualTo("pip");
        assertThat(only("python2 -m pip install wheel").tool()).isEqualTo("pip");
        assertThat(only("pip3.11 install wheel").tool()).isEqualTo("pip");
    }

    @Test
    void quotedTextCommentsAndLaterCommandsAreNotReadAsTheInstall() {
        assertThat(AdhocInstalls.find("echo \"pip install requests\"")).isEmpty();
        assertThat(AdhocInstalls.find("echo hi # npm install -g x\n  # gem install rake")).isEmpty();
        var install = only("pip install awscli && aws --version | tee out.txt; npm ci");
        assertThat(install.floating()).containsExactly("awscli");
        assertThat(AdhocInstalls.find("dnf install -y python39 && \\\n  pip3 install cython && \\\n  pip3 install pandas")).hasSize(2);
        assertThat(AdhocInstalls.find("pip install a\nnpm i -g b\ngem install c")).extracting(AdhocInstalls.Install::registry)
                .containsExactly(AdhocInstalls.Registry.PYPI, AdhocInstalls.Registry.NPM, AdhocInstalls.Registry.RUBYGEMS);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void hostileScriptsAreReadQuickly() {
        String many = "pip install a && ".repeat(3000) + "true";
        assertThat(AdhocInstalls.find(many)).hasSize(3000);
        String words = "npm install " + "-g ".repeat(20_000);
        assertThat(AdhocInstalls.find(words)).isEmpty();
        String separators = ";|&(`".repeat(12_000);
        assertThat(AdhocInstalls.find(separators + " pip install x")).singleElement()
                .satisfies(i -> assertThat(i.floating()).containsExactly("x"));
    }
}
