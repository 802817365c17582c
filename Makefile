# SPDX-License-Identifier: Apache-2.0
# mado's commands. The two that matter: `make demo` (the whole system on this machine) and
# `make test` (installs what is missing, then builds and passes every test). GNU make.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build

# Swift comes with the machine image in /opt/swift and may be missing from PATH (CI, sudo). Appended,
# so a swift already on PATH wins.
export PATH := $(PATH):/opt/swift/usr/bin

# Where `make install` puts things. madod is a system daemon (sbin); the tools are for people (bin).
# systemd/madod.service names /usr/local/sbin/madod and is rewritten on install for another PREFIX.
PREFIX       ?= /usr/local
BINDIR       ?= $(PREFIX)/bin
SBINDIR      ?= $(PREFIX)/sbin
SYSCONFDIR   ?= /etc
UNITDIR      ?= /lib/systemd/system
UDEVRULESDIR ?= /lib/udev/rules.d
SYSUSERSDIR  ?= /usr/lib/sysusers.d
DATADIR      ?= /usr/share/mado
DOCDIR       ?= /usr/share/doc/mado
DESTDIR      ?=

# Extra SwiftPM options for every swift command, e.g. SWIFTPM_FLAGS="--scratch-path .build-mine".
SWIFTPM_FLAGS ?=
# Upper bound for `swift test`, so a hung test fails CI instead of stalling it.
TEST_TIMEOUT ?= 1200

# Data files madod reads at run time (paths in /etc/mado/madod.json point into DATADIR).
CONFIG_DATA := $(wildcard config/forms config/exams config/life-events.json)

.PHONY: build demo test lint bench install uninstall clean

build:
	swift build -c release $(SWIFTPM_FLAGS)

demo:
	SWIFTPM_FLAGS="$(SWIFTPM_FLAGS)" scripts/demo

# Fails on the first step that fails. The last step starts the demo daemon for real (scripts/demo
# --smoke), so CI proves `make demo` works. No --parallel: tests that start madod time its replies.
test:
	scripts/install-deps
	swift build $(SWIFTPM_FLAGS) --build-tests
	CI=$${CI:-} timeout --kill-after=30 $(TEST_TIMEOUT) swift test $(SWIFTPM_FLAGS)
	scripts/check-units
	$(MAKE) --no-print-directory lint
	SWIFTPM_FLAGS="$(SWIFTPM_FLAGS)" scripts/demo --smoke

lint:
	swift format lint --strict -r Sources Tests Package.swift
	shell_scripts=$$(find scripts .ci -maxdepth 1 -type f -exec grep -l -E '^#!.*\b(bash|sh)$$' {} +); \
	for script in $$shell_scripts; do bash -n "$$script"; done; \
	if command -v shellcheck >/dev/null; then shellcheck $$shell_scripts; fi

bench:
	swift build -c release $(SWIFTPM_FLAGS)
	"$$(swift build -c release $(SWIFTPM_FLAGS) --show-bin-path)/mado-bench" all

# With DESTDIR set (packaging) this only copies files; installing into / also creates the users
# (systemd-sysusers) and reloads systemd and udev so the next step is `systemctl enable --now`.
install: build
	bin="$$(swift build -c release $(SWIFTPM_FLAGS) --show-bin-path)"; \
	install -d "$(DESTDIR)$(SBINDIR)" "$(DESTDIR)$(BINDIR)"; \
	install -m 0755 "$$bin/madod" "$(DESTDIR)$(SBINDIR)/madod"; \
	install -m 0755 "$$bin/madoctl" "$$bin/mado-bench" "$(DESTDIR)$(BINDIR)/"
	install -d "$(DESTDIR)$(UNITDIR)"
	for unit in systemd/*.service systemd/*.socket; do \
	    sed 's|/usr/local/sbin/madod|$(SBINDIR)/madod|g' "$$unit" >"$(DESTDIR)$(UNITDIR)/$${unit##*/}"; \
	    chmod 0644 "$(DESTDIR)$(UNITDIR)/$${unit##*/}"; \
	done
	install -D -m 0644 systemd/mado.sysusers "$(DESTDIR)$(SYSUSERSDIR)/mado.conf"
	install -d "$(DESTDIR)$(UDEVRULESDIR)"
	install -m 0644 udev/*.rules "$(DESTDIR)$(UDEVRULESDIR)/"
	install -d "$(DESTDIR)$(DATADIR)"
	for item in $(notdir $(CONFIG_DATA)); do \
	    rm -rf "$(DESTDIR)$(DATADIR)/$$item"; \
	    cp -R "config/$$item" "$(DESTDIR)$(DATADIR)/$$item"; \
	    chmod -R u=rwX,go=rX "$(DESTDIR)$(DATADIR)/$$item"; \
	done
	install -d "$(DESTDIR)$(DOCDIR)"
	install -m 0644 README.md $(wildcard docs/*) "$(DESTDIR)$(DOCDIR)/"
	@# Installing into / (not packaging): create the users first, so the config can belong to group mado.
	if [ -z "$(DESTDIR)" ]; then systemd-sysusers "$(SYSUSERSDIR)/mado.conf"; fi
	@# The config holds LAN tokens: readable by root and group mado only. An existing one is kept.
	config="$(DESTDIR)$(SYSCONFDIR)/mado/madod.json"; \
	install -d -m 0755 "$(DESTDIR)$(SYSCONFDIR)/mado"; \
	if [ -e "$$config" ]; then \
	    echo "install: keeping the existing $$config (the example is config/madod.json)"; \
	else \
	    install -m 0640 config/madod.json "$$config"; \
	    if [ -z "$(DESTDIR)" ]; then chgrp mado "$$config"; fi; \
	fi
	@# Installing into /: make systemd and udev read the new units and rules.
	if [ -z "$(DESTDIR)" ]; then \
	    if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi; \
	    if udevadm control --ping >/dev/null 2>&1; then \
	        udevadm control --reload; \
	        udevadm trigger --subsystem-match=usb --subsystem-match=usbmisc --subsystem-match=tty --subsystem-match=scsi_generic; \
	    fi; \
	    echo "install: done. Edit $(SYSCONFDIR)/mado/madod.json, then: systemctl enable --now madod.socket madod.service"; \
	fi

# Leaves /etc/mado (the site's config) and /var/lib/mado (the site's data) alone.
uninstall:
	rm -f "$(DESTDIR)$(SBINDIR)/madod" "$(DESTDIR)$(BINDIR)/madoctl" "$(DESTDIR)$(BINDIR)/mado-bench"
	for unit in systemd/*.service systemd/*.socket; do rm -f "$(DESTDIR)$(UNITDIR)/$${unit##*/}"; done
	for rules in udev/*.rules; do rm -f "$(DESTDIR)$(UDEVRULESDIR)/$${rules##*/}"; done
	rm -f "$(DESTDIR)$(SYSUSERSDIR)/mado.conf"
	rm -rf "$(DESTDIR)$(DATADIR)" "$(DESTDIR)$(DOCDIR)"
	@echo "uninstall: kept $(SYSCONFDIR)/mado and /var/lib/mado"

clean:
	rm -rf .build demo-run test-artifacts
