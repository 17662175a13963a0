// A step of a shared library: vars/gitPush.groovy
def call(String remote = 'origin') {
    sh "git push ${remote} HEAD:${env.CHANGE_BRANCH}"     // expect: jenkins-script-injection
    sh 'git push "$REMOTE" "HEAD:$CHANGE_BRANCH"'        // ok: single-quoted
}
