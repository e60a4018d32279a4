from ...utils.registry import Registry

BACKBONE_REGISTRY = Registry("BACKBONE")


def build_backbone(cfg):
    name = cfg["MODEL"]["BACKBONE"]["NAME"]
    return BACKBONE_REGISTRY.get(name)(cfg)
