#!/usr/bin/env bash
# Install (if needed) and start MariaDB for the MySQL-backend tests, then export
# C2Q_TEST_MYSQL_URL. Idempotent; run as root. Meant to be sourced by .ci/run
# (so the export reaches pytest); running it directly prints the export line.
#
# The test user may create databases named c2q_* (the backend tests seed a
# fresh one to check "seed when empty"), and owns c2q_test. A second account,
# c2q_file, also holds the global FILE privilege (what a careless self-hosted
# grant looks like): the attack tests use it to prove that the sandbox's own
# guard, not the grants, stops file reads/writes. Its URL is exported as
# C2Q_TEST_MYSQL_FILE_URL.

c2q_mariadb_setup() {
    local user=c2q password=c2q-test database=c2q_test port=3306

    if ! command -v mariadbd >/dev/null 2>&1 && ! command -v mysqld >/dev/null 2>&1; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq mariadb-server >/dev/null \
            || { apt-get update -qq && apt-get install -y -qq mariadb-server >/dev/null; }
    fi

    if ! mysqladmin --protocol=socket ping >/dev/null 2>&1; then
        service mariadb start >/dev/null 2>&1 || service mysql start >/dev/null 2>&1 || true
    fi
    if ! mysqladmin --protocol=socket ping >/dev/null 2>&1; then
        # containers without an init system: start the server directly
        mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
        (mysqld_safe --user=mysql >/dev/null 2>&1 &)
    fi
    local i
    for i in $(seq 1 60); do
        mysqladmin --protocol=socket ping >/dev/null 2>&1 && break
        sleep 1
    done
    if ! mysqladmin --protocol=socket ping >/dev/null 2>&1; then
        echo "mariadb.sh: MariaDB did not start" >&2
        return 1
    fi

    mysql --protocol=socket -uroot <<SQL
CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '${user}'@'127.0.0.1' IDENTIFIED BY '${password}';
CREATE USER IF NOT EXISTS '${user}'@'localhost' IDENTIFIED BY '${password}';
GRANT ALL PRIVILEGES ON \`c2q\\_%\`.* TO '${user}'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`c2q\\_%\`.* TO '${user}'@'localhost';
CREATE USER IF NOT EXISTS 'c2q_file'@'127.0.0.1' IDENTIFIED BY '${password}';
GRANT FILE ON *.* TO 'c2q_file'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`c2q\\_%\`.* TO 'c2q_file'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL

    export C2Q_TEST_MYSQL_URL="mysql://${user}:${password}@127.0.0.1:${port}/${database}"
    export C2Q_TEST_MYSQL_FILE_URL="mysql://c2q_file:${password}@127.0.0.1:${port}/${database}"
}

if c2q_mariadb_setup; then
    if [ "${BASH_SOURCE[0]}" = "$0" ]; then
        echo "export C2Q_TEST_MYSQL_URL=${C2Q_TEST_MYSQL_URL}"
        echo "export C2Q_TEST_MYSQL_FILE_URL=${C2Q_TEST_MYSQL_FILE_URL}"
    fi
else
    echo "mariadb.sh: setup failed" >&2
    if [ "${BASH_SOURCE[0]}" = "$0" ]; then exit 1; else return 1; fi
fi
