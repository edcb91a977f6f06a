# Builds branchwatch and installs it where Linux puts things.
#   make install                     # as root: /usr/local/bin, /etc/branchwatch, the unit
#   make install DESTDIR=/tmp/pkg PREFIX=/usr
# The config and rules in /etc/branchwatch are installed only when absent, so a
# reinstall never overwrites what an operator changed.

PREFIX ?= /usr/local
DESTDIR ?=
# release for installs; scripts/test.sh uses debug to check the layout quickly.
BUILD ?= release
SWIFT ?= swift

BINDIR = $(PREFIX)/bin
UNITDIR = $(PREFIX)/lib/systemd/system
DATADIR = $(PREFIX)/share/branchwatch
DOCDIR = $(PREFIX)/share/doc/branchwatch
CONFDIR = /etc/branchwatch
BINARY = .build/$(BUILD)/branchwatch
STATIC_FLAG = $(if $(filter release,$(BUILD)),--static-swift-stdlib,)

.PHONY: all build install uninstall
all: build

# A static Swift runtime, so the service does not depend on the toolchain's folder.
build:
	$(SWIFT) build -c $(BUILD) $(STATIC_FLAG) --product branchwatch

install: build
	install -D -m 0755 $(BINARY) $(DESTDIR)$(BINDIR)/branchwatch
	install -d -m 0755 $(DESTDIR)$(UNITDIR)
	sed 's#/usr/local/bin/branchwatch#$(BINDIR)/branchwatch#; s#/usr/local/share/doc/branchwatch#$(DOCDIR)#' \
		systemd/branchwatch.service > $(DESTDIR)$(UNITDIR)/branchwatch.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/branchwatch.service
	install -d -m 0755 $(DESTDIR)$(DATADIR)/rules $(DESTDIR)$(DOCDIR)
	install -m 0644 rules/*.yaml $(DESTDIR)$(DATADIR)/rules/
	install -m 0644 systemd/branchwatch.yaml $(DESTDIR)$(DATADIR)/branchwatch.yaml
	install -m 0644 systemd/branchwatch-shared-inbox.conf $(DESTDIR)$(DATADIR)/
	install -m 0644 README.md $(DESTDIR)$(DOCDIR)/README.md
	install -d -m 0755 $(DESTDIR)$(CONFDIR) $(DESTDIR)$(CONFDIR)/rules
	install -d -m 0700 $(DESTDIR)$(CONFDIR)/credentials
	test -e $(DESTDIR)$(CONFDIR)/branchwatch.yaml || \
		install -m 0644 systemd/branchwatch.yaml $(DESTDIR)$(CONFDIR)/branchwatch.yaml
	for rule in rules/*.yaml; do \
		test -e $(DESTDIR)$(CONFDIR)/$$rule || install -m 0644 $$rule $(DESTDIR)$(CONFDIR)/rules/; \
	done
	@echo "installed; then: systemctl daemon-reload && systemctl enable --now branchwatch"

# Leaves /etc/branchwatch and /var/lib/branchwatch alone: they hold the operator's data.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/branchwatch $(DESTDIR)$(UNITDIR)/branchwatch.service
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)
