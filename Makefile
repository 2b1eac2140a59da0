# relocsim: `make run` builds and runs the baseline; `make test` builds and runs every test.
# Both install missing Debian packages first (scripts/setup.sh).
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
SETUP_FLAGS ?= --with-mpi --with-browser

.PHONY: all setup configure build run test bench clean

all: build

setup:
	@scripts/setup.sh $(SETUP_FLAGS)

configure: setup
	@if [ ! -f $(BUILD)/build.ninja ]; then \
	  cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS); fi

build: configure
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/relocsim run scenarios/baseline.yaml --out results/baseline

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

bench: build
	scripts/bench.sh $(BUILD)

clean:
	rm -rf $(BUILD)
