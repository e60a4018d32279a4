import copy

_C = {
    "MODEL": {
        "META_ARCHITECTURE": "GeneralizedRCNN",
        "BACKBONE": {"NAME": "build_resnet_backbone", "FREEZE_AT": 2},
        "RESNETS": {"STEM_OUT_CHANNELS": 8, "RES3_OUT_CHANNELS": 8},
        "SEM_SEG_HEAD": {"NAME": "SemSegFPNHead", "NUM_CLASSES": 3},
    },
}


def get_cfg():
    """A fresh copy of the defaults, for the caller to edit."""
    return copy.deepcopy(_C)
