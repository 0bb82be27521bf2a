#!/bin/sh
echo "schema-engine placeholder (offline generate)"
