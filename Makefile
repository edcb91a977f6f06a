# Builds branchwatch and installs it where Linux puts things.
#   make install                     # as root: /usr/local/bin, /etc/branchwatch, the unit
#   make install DESTDIR=/tmp/pkg PREFIX=/usr
# The config and the starter rule file in /etc/branchwatch are installed only when
# absent, so a reinstall never overwrites what an operator changed. The worked
# examples (rules with their tests, a config, drop files) go to
# $(PREFIX)/share/branchwatch/examples and are never live.

PREFIX ?= /usr/local
DESTDIR ?=
# release for installs; scripts/test.sh uses debug to check the layout quickly.
BUILD ?= release
SWIFT ?= swift

BINDIR = $(PREFIX)/bin
UNITDIR = $(PREFIX)/lib/systemd/system
DATADIR = $(PREFIX)/share/branchwatch
DOCDIR = $(PREFIX)/share/doc/branchwatch
EXAMPLEDIR = $(DATADIR)/examples
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
	install -d -m 0755 $(DESTDIR)$(EXAMPLEDIR)/rules/tests $(DESTDIR)$(EXAMPLEDIR)/drops \
		$(DESTDIR)$(DOCDIR)
	install -m 0644 rules/*.yaml $(DESTDIR)$(EXAMPLEDIR)/rules/
	install -m 0644 rules/tests/*.yaml $(DESTDIR)$(EXAMPLEDIR)/rules/tests/
	install -m 0644 examples/branchwatch.yaml $(DESTDIR)$(EXAMPLEDIR)/branchwatch.yaml
	install -m 0644 examples/drops/* $(DESTDIR)$(EXAMPLEDIR)/drops/
	install -m 0644 systemd/rules/starter.yaml $(DESTDIR)$(DATADIR)/starter-rules.yaml
	install -m 0644 systemd/branchwatch.yaml $(DESTDIR)$(DATADIR)/branchwatch.yaml
	install -m 0644 systemd/branchwatch-shared-inbox.conf $(DESTDIR)$(DATADIR)/
	install -m 0644 README.md $(DESTDIR)$(DOCDIR)/README.md
	install -d -m 0755 $(DESTDIR)$(CONFDIR) $(DESTDIR)$(CONFDIR)/rules
	install -d -m 0700 $(DESTDIR)$(CONFDIR)/credentials
	test -e $(DESTDIR)$(CONFDIR)/branchwatch.yaml || \
		install -m 0644 systemd/branchwatch.yaml $(DESTDIR)$(CONFDIR)/branchwatch.yaml
	test -e $(DESTDIR)$(CONFDIR)/rules/starter.yaml || \
		install -m 0644 systemd/rules/starter.yaml $(DESTDIR)$(CONFDIR)/rules/starter.yaml
	@echo "installed; then: systemctl daemon-reload && systemctl enable --now branchwatch"

# Leaves /etc/branchwatch and /var/lib/branchwatch alone: they hold the operator's data.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/branchwatch $(DESTDIR)$(UNITDIR)/branchwatch.service
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)
