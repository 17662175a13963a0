package dev.cimatrix.discover.jenkins;

import dev.cimatrix.model.JenkinsPipeline;
import dev.cimatrix.model.JenkinsPipeline.Interpolation;
import dev.cimatrix.model.JenkinsPipeline.SettingKind;
import dev.cimatrix.model.JenkinsPipeline.ShellStep;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class JenkinsReaderTest {
    private static JenkinsPipeline read(String text) {
        List<ReadProblem> problems = new ArrayList<>();
        JenkinsPipeline pipeline = JenkinsReader.read("Jenkinsfile", text, problems).orElseThrow(
                () -> new AssertionError(problems.toString()));
        assertThat(problems).isEmpty();
        return pipeline;
    }

    private static List<ReadProblem> problems(String text) {
        List<ReadProblem> problems = new ArrayList<>();
        assertThat(JenkinsReader.read("Jenkinsfile", text, problems)).isEmpty();
        return problems;
    }

    @Test
    void aDeclarativePipelineGivesItsShellStepsWithTheirStagesAndWrittenValues() {
        JenkinsPipeline pipeline = read("""
                pipeline {
                    agent any
                    stages {
                        stage('Build') {
                            steps {
                                sh "echo ${env.CHANGE_TITLE} on $BRANCH_NAME"
                                sh '''
                                    make
                                '''
                                bat(script: "echo ${params.TARGET}", returnStdout: true)
                            }
                        }
                    }
                }
                """);
        assertThat(pipeline.declarative()).isTrue();
        assertThat(pipeline.steps()).extracting(ShellStep::step, ShellStep::stage)
                .containsExactly(tuple("sh", "Build"), tuple("sh", "Build"), tuple("bat", "Build"));
        ShellStep first = pipeline.steps().get(0);
        assertThat(first.script().value()).isEqualTo("echo ${env.CHANGE_TITLE} on $BRANCH_NAME");
        assertThat(first.location().startLine()).isEqualTo(6);
        assertThat(first.interpolations()).extracting(Interpolation::source, Interpolation::reads)
                .containsExactly(tuple("env.CHANGE_TITLE", java.util.Set.of("env.CHANGE_TITLE")),
                        tuple("BRANCH_NAME", java.util.Set.of("BRANCH_NAME")));
        Interpolation title = first.interpolations().get(0);
        assertThat(first.script().value().substring(title.offset())).startsWith("${env.CHANGE_TITLE}");
        assertThat(first.script().value().substring(first.interpolations().get(1).offset())).isEqualTo("$BRANCH_NAME");
        assertThat(title.location().startLine()).isEqualTo(6);
        ShellStep multiLine = pipeline.steps().get(1);
        assertThat(multiLine.script().value().strip()).isEqualTo("make");
        assertThat(multiLine.interpolations()).isEmpty();
        int make = multiLine.script().value().indexOf("make");
        assertThat(multiLine.script().locate(make, 4)).extracting(Location::startLine, Location::startColumn)
                .containsExactly(8, 21);
        assertThat(pipeline.steps().get(2).interpolations()).extracting(Interpolation::source)
                .containsExactly("params.TARGET");
    }

    @Test
    void aScriptedPipelineIsReadInNodesMethodsClassesAndConcatenations() {
        JenkinsPipeline pipeline = read("""
                def deploy(String target) {
                    sh "./deploy.sh " + target + " " + env.BRANCH_NAME
                }
                class Helper {
                    def steps
                    def run() { steps.sh "make ${env.GIT_BRANCH}" }
                }
                node('linux') {
                    stage("Test") {
                        def branch = env.CHANGE_BRANCH
                        env.TARGET_DIR = "out/${branch}"
                        sh script: cmd
                    }
                }
                """);
        assertThat(pipeline.declarative()).isFalse();
        assertThat(pipeline.agents()).extracting(a -> a.value(), a -> a.location().startLine())
                .containsExactly(tuple("linux", 8));
        assertThat(pipeline.steps()).extracting(ShellStep::stage, s -> s.location().startLine())
                .containsExactlyInAnyOrder(tuple("Test", 12), tuple(null, 2), tuple(null, 6));
        ShellStep concatenated = pipeline.steps().stream().filter(s -> s.location().startLine() == 2).findFirst()
                .orElseThrow();
        assertThat(concatenated.interpolations()).extracting(Interpolation::source)
                .containsExactly("target", "env.BRANCH_NAME");
        ShellStep held = pipeline.steps().stream().filter(s -> "Test".equals(s.stage())).findFirst().orElseThrow();
        assertThat(held.interpolations()).extracting(Interpolation::reads).containsExactly(java.util.Set.of("cmd"));
        assertThat(pipeline.settings()).extracting(s -> s.name(), s -> s.kind(), s -> s.reads())
                .contains(tuple("branch", SettingKind.VARIABLE, java.util.Set.of("env.CHANGE_BRANCH")),
                        tuple("TARGET_DIR", SettingKind.ENV_PROPERTY, java.util.Set.of("branch")));
    }

    @Test
    void credentialsAreBoundWhereWithCredentialsAndEnvironmentBindThem() {
        JenkinsPipeline pipeline = read("""
                pipeline {
                    agent any
                    environment { REGISTRY = credentials('registry') }
                    stages {
                        stage('Publish') {
                            environment { NPM = credentials('npm') }
                            steps {
                                withCredentials([usernamePassword(credentialsId: 'db', usernameVariable: 'U',
                                        passwordVariable: 'P'), string(credentialsId: 't', variable: 'T')]) {
                                    sh "one"
                                }
                                sh "two"
                            }
                        }
                        stage('Other') { steps { sh "three" } }
                    }
                }
                """);
        assertThat(pipeline.steps()).extracting(s -> s.script().value(), ShellStep::secrets).containsExactly(
                tuple("one", java.util.Set.of("REGISTRY", "REGISTRY_USR", "REGISTRY_PSW", "NPM", "NPM_USR", "NPM_PSW",
                        "U", "P", "T")),
                tuple("two", java.util.Set.of("REGISTRY", "REGISTRY_USR", "REGISTRY_PSW", "NPM", "NPM_USR", "NPM_PSW")),
                tuple("three", java.util.Set.of("REGISTRY", "REGISTRY_USR", "REGISTRY_PSW")));
        assertThat(pipeline.settings()).filteredOn(s -> s.credential()).extracting(s -> s.name())
                .containsExactly("REGISTRY", "NPM");
    }

    @Test
    void librariesImagesParametersAndEnvironmentValuesAreRead() {
        JenkinsPipeline pipeline = read("""
                @Library(['a@v1', 'b']) import com.example.Tool
                @Library('c@main') _
                library identifier: "d@${env.V}", retriever: modernSCM([$class: 'GitSCMSource', remote: 'x'])
                library 'e'
                properties([parameters([string(name: 'TARGET'), booleanParam(name: 'DRY', defaultValue: true)])])
                pipeline {
                    agent { docker { image 'maven:3.9' } }
                    parameters { choice(name: 'REGION', choices: ['eu', 'us']) }
                    environment { LEVEL = 'debug' }
                    stages {
                        stage('a') {
                            agent { docker 'node:20' }
                            steps {
                                withEnv(['API_KEY=abc', "B=${env.X}"]) { sh 'x' }
                                script { docker.image('postgres').inside { sh 'y' } }
                            }
                        }
                    }
                }
                podTemplate(containers: [containerTemplate(name: 'go', image: 'golang:1.22')]) { }
                """);
        assertThat(pipeline.libraries()).extracting(l -> l.reference().value(), JenkinsPipeline.Library::form)
                .containsExactly(tuple("a@v1", "@Library"), tuple("b", "@Library"), tuple("c@main", "@Library"),
                        tuple("d@${env.V}", "library"), tuple("e", "library"));
        assertThat(pipeline.libraries().get(2).reference().location()).extracting(Location::startLine,
                Location::startColumn).containsExactly(2, 11);
        assertThat(pipeline.images()).extracting(i -> i.image().value(), JenkinsPipeline.Image::where).containsExactly(
                tuple("maven:3.9", "agent docker"), tuple("node:20", "agent docker"),
                tuple("postgres", "docker.image"), tuple("golang:1.22", "containerTemplate"));
        assertThat(pipeline.parameters()).extracting(JenkinsPipeline.Parameter::name, JenkinsPipeline.Parameter::type)
                .containsExactly(tuple("TARGET", "string"), tuple("DRY", "booleanParam"), tuple("REGION", "choice"));
        assertThat(pipeline.settings()).extracting(s -> s.name(), s -> s.kind(),
                s -> s.value() == null ? null : s.value().value()).containsExactly(
                tuple("LEVEL", SettingKind.ENVIRONMENT, "debug"), tuple("API_KEY", SettingKind.WITH_ENV, "abc"),
                tuple("B", SettingKind.WITH_ENV, "${env.X}"));
        JenkinsPipeline.Setting apiKey = pipeline.settings().get(1);
        assertThat(apiKey.value().location()).extracting(Location::startLine, Location::startColumn)
                .containsExactly(14, 35);
    }

    @Test
    void valuesThatOnlyDecideTestOrLookUpAreNotReadIntoTheScript() {
        JenkinsPipeline pipeline = read("""
                node {
                    sh "deploy ${env.BRANCH_NAME == 'main' ? 'prod' : env.STAGE} ${env.CHANGE_TITLE?.isEmpty()}"
                    sh "echo ${env.CHANGE_BRANCH ?: 'none'} ${env['CHANGE_TITLE'].trim()}"
                    sh "echo ${readDates(params.RELEASE)} ${params.A.replace('-', env.CHANGE_TITLE)} ${[params.B].join(',')}"
                }
                """);
        assertThat(pipeline.steps().get(0).interpolations()).extracting(Interpolation::reads)
                .containsExactly(java.util.Set.of("env.STAGE"), java.util.Set.of());
        assertThat(pipeline.steps().get(1).interpolations()).extracting(Interpolation::reads)
                .containsExactly(java.util.Set.of("env.CHANGE_BRANCH"), java.util.Set.of("env.CHANGE_TITLE"));
        assertThat(pipeline.steps().get(2).interpolations()).extracting(Interpolation::reads).containsExactly(
                java.util.Set.of(), java.util.Set.of("params.A", "env.CHANGE_TITLE"), java.util.Set.of("params.B"));
    }

    @Test
    void lineEndingsAndAByteOrderMarkDoNotMovePositions() {
        JenkinsPipeline pipeline = read("\uFEFFnode {\r\n  sh 'a'\r\n\r\n  sh \"b ${env.X}\"\r\n}\r\n");
        assertThat(pipeline.steps()).extracting(s -> s.location().startLine(), s -> s.location().startColumn())
                .containsExactly(tuple(2, 3), tuple(4, 3));
        assertThat(pipeline.steps().get(1).interpolations().get(0).location().startLine()).isEqualTo(4);
    }

    /**
     * Columns count code points, as every reader's do, though Groovy counts chars: a value after an emoji is placed
     * one column earlier than Groovy would say, and its offset and length in the script still take it out whole.
     */
    @Test
    void columnsCountCodePoints() {
        ShellStep step = read("node {\n  sh \"\uD83D\uDE00 ${env.CHANGE_TITLE}\"\n}\n").steps().get(0);
        Interpolation title = step.interpolations().get(0);
        assertThat(title.location()).extracting(Location::startLine, Location::startColumn).containsExactly(2, 9);
        assertThat(step.script().value().substring(title.offset(), title.offset() + title.length()))
                .isEqualTo("${env.CHANGE_TITLE}");
    }

    @Test
    void whatCannotBeReadIsOneFatalProblemAtItsPlace() {
        assertThat(problems("")).singleElement().extracting(ReadProblem::message)
                .isEqualTo("empty file: no Jenkins pipeline");
        assertThat(problems("pipeline {\n  stages {\n    sh 'x' )\n  }\n}\n")).singleElement().satisfies(p -> {
            assertThat(p.fatal()).isTrue();
            assertThat(p.location()).extracting(Location::startLine, Location::startColumn).containsExactly(3, 12);
            assertThat(p.message()).isEqualTo("not valid Groovy: expecting '}', found ')'");
        });
        assertThat(problems("node {\n  sh 'x'\n")).singleElement().extracting(ReadProblem::message)
                .isEqualTo("not valid Groovy: expecting '}', found the end of the file");
        assertThat(problems("sh 'unterminated\n")).singleElement().extracting(p -> p.location().startLine())
                .isEqualTo(1);
    }

    @Test
    void deepNestingIsReadOrRefusedWithoutHarmingTheCaller() {
        JenkinsPipeline nested = read("node {\n" + "stage('s') {\n".repeat(300) + "sh 'deep'\n" + "}\n".repeat(300)
                + "}\n");
        assertThat(nested.steps()).singleElement().extracting(ShellStep::stage).isEqualTo("s");
        List<ReadProblem> problems = problems("node {\n  x = " + "(".repeat(200_000) + "1" + ")".repeat(200_000) + "\n}\n");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.fatal()).isTrue();
            assertThat(p.location().startLine()).isEqualTo(2);
            assertThat(p.message()).isEqualTo("nested more than 500 deep, which Groovy's parser takes too long on, so "
                    + "it was not read");
        });
    }

    /**
     * Shapes on which Groovy's parser takes time that doubles with each repetition are refused before it runs, in
     * milliseconds; their harmless neighbours are read.
     */
    @Test
    void chainsOfCastsAreRefusedAndTheirNeighboursRead() {
        for (String chain : List.of("def x = " + "(String) ".repeat(40) + "y", "def x = " + "(a)".repeat(40),
                "def x = " + "((String) ".repeat(40) + "y" + ")".repeat(40), "def x = " + "(int) -".repeat(40) + "1",
                "def x = " + "(Closure) { ".repeat(40) + "}".repeat(40))) {
            long started = System.nanoTime();
            assertThat(problems(chain + "\n")).as(chain).singleElement().extracting(ReadProblem::message).asString()
                    .startsWith("more than 16 casts in a row in one expression");
            assertThat(System.nanoTime() - started).as(chain).isLessThan(5_000_000_000L);
        }
        for (String harmless : List.of("def x = " + "(a) + ".repeat(40) + "y",
                "f(" + String.join(", ", java.util.Collections.nCopies(200, "(String) a")) + ")",
                "def x = [" + String.join(", ", java.util.Collections.nCopies(200, "(a): 1")) + "]",
                "if (a) { if (b) { if (c) { sh 'x' } } }", "def x = (String) ((Object) y)")) {
            assertThat(JenkinsReader.read("Jenkinsfile", harmless + "\n", new ArrayList<>())).as(harmless).isPresent();
        }
    }
}
