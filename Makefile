# SwiftTune build, test and example targets. Every target installs the Debian packages it needs.

SWIFT ?= swift
TUNE := .build/release/tune

.PHONY: deps build test lint bench study example-mlp example-cnn clean

deps:
	scripts/install-packages.sh

build: deps
	$(SWIFT) build -c release

test: deps
	scripts/install-packages.sh chromium
	$(SWIFT) build --build-tests
	OMP_WAIT_POLICY=PASSIVE SWIFTTUNE_CHROMIUM_CHECK=1 $(SWIFT) test --skip-build
	$(SWIFT) format lint --recursive Sources Tests

lint:
	$(SWIFT) format lint --recursive Sources Tests

bench: build
	$(TUNE) bench --json bench.json

study: build
	scripts/install-packages.sh dataset-fashion-mnist
	$(TUNE) search examples/fashion-mnist-search.json --study studies/fashion-mnist-search

example-mlp: build
	scripts/install-packages.sh dataset-fashion-mnist
	$(TUNE) train examples/fashion-mnist-mlp.json --out runs/fashion-mnist-mlp

example-cnn: build
	scripts/install-packages.sh dataset-fashion-mnist
	$(TUNE) train examples/fashion-mnist-cnn.json --out runs/fashion-mnist-cnn

clean:
	rm -rf .build runs
