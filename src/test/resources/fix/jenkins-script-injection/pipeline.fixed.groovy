// Each value Groovy writes into a script becomes the environment variable that holds it, and the script single-quoted;
// lines marked "unfixed:" keep theirs, and the reason given contains the text after the marker.
pipeline {
    agent any
    parameters { string(name: 'TARGET', defaultValue: 'staging') }
    environment { DEPLOY_TOKEN = credentials('deploy') }
    stages {
        stage('Build') {
            steps {
                sh 'git checkout ${CHANGE_BRANCH}'
                sh 'echo \"${CHANGE_TITLE}\" > title.txt'
                sh 'echo \'branch: \'"${CHANGE_BRANCH}" and it\'s done'
                sh '''
                    set -eu
                    echo "building \$GIT_COMMIT for ${TARGET}"
                    ./deploy.sh --token ${DEPLOY_TOKEN} ${TARGET}
                '''
                powershell 'Write-Output \"${env:CHANGE_TITLE}\"'
                bat "echo ${env.CHANGE_BRANCH}" // unfixed: cmd expands %NAME% before it reads the line
                sh "git push origin " + env.CHANGE_BRANCH // unfixed: not one double-quoted string
                script {
                    def branch = env.CHANGE_BRANCH
                    sh "git fetch origin ${branch}" // unfixed: which is no environment variable of the step
                    sh 'eval \'echo "${CHANGE_TITLE}"\''
                    sh "bash -c \"echo ${env.CHANGE_TITLE}\"" // unfixed: part of a program that bash -c runs
                }
                withCredentials([string(credentialsId: 'npm', variable: 'NPM_TOKEN')]) {
                    sh 'npm config set //registry.npmjs.org/:_authToken=${NPM_TOKEN}'
                }
            }
        }
    }
}
