import { SelectField } from "./field";

interface PersonSelectFieldProps {
  name: string;
  label: string;
  /** The first option, which chooses no one, so a forgotten choice is an error rather than a guess. */
  placeholder: string;
  people: { id: string; name: string; email: string }[];
  errors?: string[];
}

/** A select of people by id, each shown by name and email, since two people may share a name. */
export function PersonSelectField({ name, label, placeholder, people, errors }: PersonSelectFieldProps) {
  return (
    <SelectField name={name} label={label} defaultValue="" errors={errors}>
      <option value="">{placeholder}</option>
      {people.map((person) => (
        <option key={person.id} value={person.id}>
          {person.name} ({person.email})
        </option>
      ))}
    </SelectField>
  );
}
