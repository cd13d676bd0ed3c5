"""What every form of the platform shares."""

from django.core.exceptions import ValidationError


class ServiceErrorsMixin:
    """Show a service's refusal on the form, each message beside its field.

    A service validates the model (``full_clean``) and the rules it owns; its
    ``ValidationError`` lands on the matching fields, or above the form when it names
    none (or a field the form does not show). Nothing is saved in that case: services
    write inside a transaction."""

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, messages in error.error_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            for message in error.messages:
                self.add_error(None, message)
