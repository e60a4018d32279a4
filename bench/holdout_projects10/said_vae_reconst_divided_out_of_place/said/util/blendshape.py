"""Utility functions related to the blendshape coefficients"""

import csv

import torch


def load_blendshape_coeffs(coeffs_path: str) -> torch.FloatTensor:
    """Load a blendshape coefficients file (csv with a header of blendshape names):
    (T_b, num_classes)"""
    with open(coeffs_path, newline="") as f:
        rows = list(csv.reader(f))
    return torch.FloatTensor([[float(v) for v in row] for row in rows[1:]])
