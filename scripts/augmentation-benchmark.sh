#!/usr/bin/env bash
# Compare the epoch time of examples/cifar10-jpeg-cnn.json without augmentation, with its own
# augmentation (flips and shifts), and with every transform on.
#
# Usage: scripts/augmentation-benchmark.sh [ROUNDS] [EPOCHS]   (defaults: 3 rounds of 3 epochs)
#
# Each round trains the three variants one after another, so that a change in machine load
# hits all three alike. Each line of output names the variant and the round, then lists the
# seconds of each epoch (validation included) and the test accuracy. The last lines give each
# variant's median over all epochs but the first, which includes oneDNN's setup. Run it from
# the repository root after `swift build -c release`. It needs Python 3 and the CIFAR-10 JPEG
# folder at ../shared/data/cifar10-test-jpeg/test.
set -euo pipefail

rounds=${1:-3}
epochs=${2:-3}
tune=.build/release/tune
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$epochs" <<'EOF'
import json, sys
work, epochs = sys.argv[1], int(sys.argv[2])
base = json.load(open("examples/cifar10-jpeg-cnn.json"))
base["training"]["epochs"] = epochs
base["training"].pop("earlyStopping", None)
augmentations = {
    "none": None,
    "example": base["data"]["augmentation"],
    "all": {"horizontalFlip": True, "translation": 0.125, "rotationDegrees": 10, "zoom": 0.1,
            "brightness": 0.1, "contrast": 0.2},
}
for variant, augmentation in augmentations.items():
    experiment = json.loads(json.dumps(base))
    experiment["name"] = f"augmentation-benchmark-{variant}"
    experiment["data"].pop("augmentation")
    if augmentation is not None:
        experiment["data"]["augmentation"] = augmentation
    json.dump(experiment, open(f"{work}/{variant}.json", "w"))
EOF

for round in $(seq 1 "$rounds"); do
    for variant in none example all; do
        "$tune" train "$work/$variant.json" --out "$work/$variant-$round" --quiet > /dev/null
        python3 - "$work/$variant-$round" "$variant" "$round" <<'EOF'
import csv, json, sys
run, variant, round = sys.argv[1:]
seconds = [row["seconds"] for row in csv.DictReader(open(f"{run}/history.csv"))]
accuracy = json.load(open(f"{run}/summary.json"))["test"]["accuracy"]
print(f"{variant} round {round}: epochs {' '.join(seconds)} s, test accuracy {accuracy:.4f}")
EOF
    done
done

python3 - "$work" "$rounds" <<'EOF'
import csv, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
for variant in ["none", "example", "all"]:
    seconds = [float(row["seconds"])
               for round in range(1, rounds + 1)
               for row in list(csv.DictReader(open(f"{work}/{variant}-{round}/history.csv")))[1:]]
    print(f"{variant}: median {statistics.median(seconds):.3f} s per epoch over {len(seconds)} epochs")
EOF
