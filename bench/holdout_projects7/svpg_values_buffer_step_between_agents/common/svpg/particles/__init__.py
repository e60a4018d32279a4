from .svpg_particle import SVPGParticle

__all__ = ["SVPGParticle"]
