#!/usr/bin/python3
"""Reference decision values of scikit-learn's OneClassSVM for test/unit/models/oneClassSvm.test.ts.

Run ONCE; the output test/fixtures/ocsvm-reference.json is committed and the tests only read it.
To regenerate (Debian's python, which has scikit-learn from apt):

    apt-get install -y python3-sklearn
    /usr/bin/python3 scripts/ocsvm-reference.py

The data is made here with a fixed numpy seed: two Gaussian blobs plus a few far points for
training, and separate query points spread over the same box. Every case uses scikit-learn's
defaults (tol=1e-3, shrinking=True) apart from nu, gamma and, in one case, integer sample weights.
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.svm import OneClassSVM

OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "ocsvm-reference.json"

rng = np.random.RandomState(20240601)
cols = 4
blob_a = rng.normal(loc=1.5, scale=0.6, size=(70, cols))
blob_b = rng.normal(loc=-1.0, scale=0.4, size=(60, cols))
far = rng.uniform(-5.0, 5.0, size=(8, cols))
train = np.vstack([blob_a, blob_b, far])
query = rng.uniform(-4.0, 4.0, size=(60, cols))
weights = rng.randint(1, 5, size=train.shape[0])

cases = [
    {"nu": 0.05, "gamma": "scale", "weighted": False},
    {"nu": 0.3, "gamma": "scale", "weighted": False},
    {"nu": 0.05, "gamma": 0.5, "weighted": False},
    {"nu": 0.3, "gamma": 0.5, "weighted": False},
    {"nu": 0.1, "gamma": "scale", "weighted": True},
]

results = []
for case in cases:
    model = OneClassSVM(kernel="rbf", nu=case["nu"], gamma=case["gamma"])
    model.fit(train, sample_weight=weights if case["weighted"] else None)
    results.append({
        **case,
        "gammaValue": float(model._gamma),
        "rho": float(model.offset_[0]),
        "supportVectors": int(model.support_.shape[0]),
        "decisionTrain": model.decision_function(train).tolist(),
        "decisionQuery": model.decision_function(query).tolist(),
    })

OUTPUT.write_text(json.dumps({
    "generator": f"scripts/ocsvm-reference.py with scikit-learn {sklearn.__version__}",
    "cols": cols,
    "train": train.ravel().tolist(),
    "query": query.ravel().tolist(),
    "weights": weights.tolist(),
    "cases": results,
}, indent=1) + "\n")
print(f"wrote {OUTPUT}")
