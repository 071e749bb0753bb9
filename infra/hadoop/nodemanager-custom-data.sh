#!/bin/bash
# Start-up script of a NodeManager VM in a Yardmaster-scaled VM Scale Set: the scale set's custom
# data (cloud-init runs it as root on the first boot of every new VM). It writes the NodeManager's
# yarn-site.xml so that it joins this pool's ResourceManager, with the resources Yardmaster sizes
# the pool by and, on the on-demand scale set, the "ondemand" node partition that Spark's
# application masters are kept on; then starts the NodeManager.
#
# The VM image carries Hadoop (HADOOP_HOME) and a "yarn" user. Fill in the settings below per
# scale set (the defaults after := are examples), or have the template that creates the scale set
# set them. The NodeManager registers under the VM's host name, the scale set's computer name,
# which is how Yardmaster matches a YARN node to its VM: do not set yarn.nodemanager.hostname.
#
# Tested: OperatorHadoopFilesIT runs it with YARDMASTER_START_NODEMANAGER=false and starts a real
# NodeManager with the yarn-site.xml it wrote.
set -euo pipefail

# --- this scale set's settings ---------------------------------------------------------------
# The cluster's ResourceManager (host name; with RM HA, the ids and hosts below).
: "${YARDMASTER_RM_HOST:=rm.prod-a.example.internal}"
# "ondemand" on the on-demand scale set; empty on a spot scale set (its nodes stay unlabelled).
: "${YARDMASTER_NODE_PARTITION:=ondemand}"
# What the NodeManager offers YARN: Yardmaster's node-manager-vcores / node-manager-memory-mb of
# the pool (default: every core, 7/8 of the memory, as Yardmaster assumes when they are not set).
: "${YARDMASTER_NM_VCORES:=$(nproc)}"
: "${YARDMASTER_NM_MEMORY_MB:=$(($(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 * 7 / 8))}"
# Container scratch space: the VM's temporary disk on Azure.
: "${YARDMASTER_NM_LOCAL_DIRS:=/mnt/resource/yarn/local}"
: "${YARDMASTER_NM_LOG_DIRS:=/mnt/resource/yarn/logs}"
: "${HADOOP_HOME:=/opt/hadoop}"
: "${HADOOP_CONF_DIR:=/etc/hadoop/conf}"
: "${YARN_USER:=yarn}"
: "${YARDMASTER_START_NODEMANAGER:=true}"
# ------------------------------------------------------------------------------------------------

case "$YARDMASTER_NODE_PARTITION" in
  "" | ondemand) ;;
  *) echo "YARDMASTER_NODE_PARTITION must be ondemand or empty, got '$YARDMASTER_NODE_PARTITION'" >&2; exit 2 ;;
esac
for number in YARDMASTER_NM_VCORES YARDMASTER_NM_MEMORY_MB; do
  [[ ${!number} =~ ^[1-9][0-9]*$ ]] || { echo "$number must be a positive number, got '${!number}'" >&2; exit 2; }
done

property() {
  printf '  <property>\n    <name>%s</name>\n    <value>%s</value>\n  </property>\n' "$1" "$2"
}

mkdir -p "$HADOOP_CONF_DIR"
site=$HADOOP_CONF_DIR/yarn-site.xml
{
  echo '<?xml version="1.0"?>'
  echo '<!-- Written by the Yardmaster NodeManager start-up script (VMSS custom data). -->'
  echo '<configuration>'
  property yarn.resourcemanager.hostname "$YARDMASTER_RM_HOST"
  property yarn.nodemanager.resource.cpu-vcores "$YARDMASTER_NM_VCORES"
  property yarn.nodemanager.resource.memory-mb "$YARDMASTER_NM_MEMORY_MB"
  property yarn.nodemanager.local-dirs "$YARDMASTER_NM_LOCAL_DIRS"
  property yarn.nodemanager.log-dirs "$YARDMASTER_NM_LOG_DIRS"
  if [ -n "$YARDMASTER_NODE_PARTITION" ]; then
    # The NodeManager reports its own partition (the RM's yarn.node-labels.configuration-type is
    # distributed); the label must exist: yarn rmadmin -addToClusterNodeLabels "ondemand(exclusive=false)".
    property yarn.node-labels.enabled true
    property yarn.node-labels.configuration-type distributed
    property yarn.nodemanager.node-labels.provider config
    property yarn.nodemanager.node-labels.provider.configured-node-partition "$YARDMASTER_NODE_PARTITION"
  fi
  echo '</configuration>'
} >"$site.tmp"
mv "$site.tmp" "$site"
echo "wrote $site: ResourceManager $YARDMASTER_RM_HOST, $YARDMASTER_NM_VCORES vcores, $YARDMASTER_NM_MEMORY_MB MB, partition '${YARDMASTER_NODE_PARTITION:-<default>}'"

if [ "$YARDMASTER_START_NODEMANAGER" = true ]; then
  for dir in "$YARDMASTER_NM_LOCAL_DIRS" "$YARDMASTER_NM_LOG_DIRS"; do
    install -d -o "$YARN_USER" -g "$YARN_USER" -m 0755 "$dir"
  done
  runuser -u "$YARN_USER" -- env HADOOP_CONF_DIR="$HADOOP_CONF_DIR" \
    "$HADOOP_HOME/bin/yarn" --config "$HADOOP_CONF_DIR" --daemon start nodemanager
fi
