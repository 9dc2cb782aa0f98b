using System.Text.Json;

namespace Gongkai.ServiceDefaults.Validation;

/// <summary>
/// A JSON value the platform refuses, with a message written for the person who sent it (Chinese). System.Text.Json
/// adds the field's path; <see cref="BadRequestExceptionHandler"/> turns it into a 400 naming that field.
/// </summary>
public sealed class InvalidInputException(string message) : JsonException(message);
