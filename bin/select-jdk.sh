# Sourced by bin/strata, bin/test and bin/mvn: picks a JDK >= 21 (JAVA_HOME if it qualifies, else the
# newest under /usr/lib/jvm), exports JAVA_HOME and PATH. Fails with a clear message when there is none.
_strata_jdk_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ] || [ "$(_strata_jdk_major "$JAVA_HOME")" -lt 21 ]; then
  JAVA_HOME=""
  for d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    d=${d%/}
    [ -x "$d/bin/javac" ] || continue
    if [ "$(_strata_jdk_major "$d")" -ge 21 ]; then JAVA_HOME="$d"; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ]; then
  echo "strata: no JDK >= 21 found (JAVA_HOME or /usr/lib/jvm). Install one, e.g. 'apt-get install openjdk-21-jdk-headless'." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8's bundled Guava warns about sun.misc.Unsafe on JDK 23+; the flag is unknown to older JDKs.
if [ "$(_strata_jdk_major "$JAVA_HOME")" -ge 23 ]; then
  case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow";; esac
fi
