"""tutor: an adaptive tutoring assistant with a learning-path planner."""

__version__ = "0.1.0"
